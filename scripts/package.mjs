// `npm run package`: production build, then a .vsix with @vscode/vsce, and its size figures.
// Everything the extension needs is bundled, so the .vsix carries no node_modules. vsce rewrites the
// README's relative links and images to the repository (package.json), as the Marketplace needs.
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
const figures = {
  vsixBytes: statSync(out).size,
  extensionJsBytes: statSync('dist/extension.js').size,
  serverJsBytes: statSync('dist/server.js').size,
  webviewJsGzipBytes: gz('dist/webview/main.js'),
  componentJsGzipBytes: gz('dist/component/main.js'),
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `vsix ${kib(figures.vsixBytes)} · extension.js ${kib(figures.extensionJsBytes)} · server.js ${kib(figures.serverJsBytes)} ` +
    `· webview JS ${kib(figures.webviewJsGzipBytes)} gzip · component JS ${kib(figures.componentJsGzipBytes)} ` +
    `gzip`,
);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/package.json', JSON.stringify({ measuredAt: new Date().toISOString(), ...figures }, null, 2) + '\n');
const limit = 2 * 1024 * 1024;
if (figures.vsixBytes > limit) {
  console.error(`the .vsix is ${kib(figures.vsixBytes)}, over the ${kib(limit)} budget`);
  process.exit(1);
}
