// `npm run package`: production build, then a .vsix with @vscode/vsce, and its size figures.
// Everything the extension needs is bundled, so the .vsix carries no node_modules. vsce rewrites the
// README's relative links and images to the repository (package.json), as the Marketplace needs.
// --figures (npm run bench) also writes the size figures to bench/results/package.json; without it a
// package or a test run leaves the tracked results alone.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = outIndex >= 0 ? argv[outIndex + 1] : join(root, `${pkg.name}-${pkg.version}.vsix`);

execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
mkdirSync(dirname(out), { recursive: true });
execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], {
  stdio: 'inherit',
});

const gz = (file) => gzipSync(readFileSync(file)).length;
const webview = webviewFiles();
const figures = {
  vsixBytes: statSync(out).size,
  extensionJsBytes: statSync('dist/extension.js').size,
  serverJsBytes: statSync('dist/server.js').size,
  // What the view loads before it shows anything: main.js and the chunks it imports statically.
  webviewJsGzipBytes: webview.initial.reduce((sum, f) => sum + gz(f), 0),
  webviewInitialFiles: webview.initial.map(short),
  // Code that loads on first use (webview/lazy.tsx), each with its gzip size.
  webviewLazyChunks: webview.lazy.map((f) => ({ file: short(f), gzipBytes: gz(f) })),
  componentJsGzipBytes: gz('dist/component/main.js'),
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `vsix ${kib(figures.vsixBytes)} · extension.js ${kib(figures.extensionJsBytes)} · server.js ${kib(figures.serverJsBytes)} ` +
    `· webview JS at start ${kib(figures.webviewJsGzipBytes)} gzip (${webview.initial.length} files) · component JS ` +
    `${kib(figures.componentJsGzipBytes)} gzip`,
);
for (const chunk of figures.webviewLazyChunks) console.log(`  loaded on first use: ${chunk.file} ${kib(chunk.gzipBytes)} gzip`);
if (argv.includes('--figures')) {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/package.json', JSON.stringify({ measuredAt: new Date().toISOString(), ...figures }, null, 2) + '\n');
}
const limit = 2 * 1024 * 1024;
if (figures.vsixBytes > limit) {
  console.error(`the .vsix is ${kib(figures.vsixBytes)}, over the ${kib(limit)} budget`);
  process.exit(1);
}
const webviewLimit = 250 * 1024;
if (figures.webviewJsGzipBytes > webviewLimit) {
  console.error(`the view's initial JavaScript is ${kib(figures.webviewJsGzipBytes)} gzip, over the ${kib(webviewLimit)} budget`);
  console.error('load heavy element code on first use: docs/contributing.md, "Add an element whose code loads on first use"');
  process.exit(1);
}
const listed = execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], {
  encoding: 'utf8',
});
const missing = [...webview.initial, ...webview.lazy].filter((f) => !listed.split('\n').includes(f));
if (missing.length) {
  console.error(`the .vsix lacks webview files: ${missing.join(', ')}`);
  process.exit(1);
}

/** The webview's JavaScript files from esbuild's metafile: those reached by static imports from main.js, and the rest. */
function webviewFiles() {
  const { outputs } = JSON.parse(readFileSync('dist/webview.meta.json', 'utf8'));
  const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit('dist/webview/main.js');
  return { initial: [...initial], lazy: js.filter((f) => !initial.has(f)).sort() };
}

function short(file) {
  return file.replace(/^dist\/webview\//, '');
}
