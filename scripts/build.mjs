// One esbuild script for every target. Flags: --production (minify, no sourcemaps),
// --watch (rebuild on change), --tests (also bundle the in-host test suite into dist-test/).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests') || watch;
const root = new URL('..', import.meta.url).pathname;

/** Prints esbuild's errors in the format the `$esbuild-watch` problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  plugins: watch ? [problemMatcher] : [],
};

// keepNames: oidc-provider (the development sign-in) relies on class and function names; minified
// without it, its token endpoint answered HTTP 500 in the packaged extension.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', keepNames: true };
const browser = { ...common, platform: 'browser', format: 'esm', target: 'es2022', jsx: 'automatic' };

const targets = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...node, entryPoints: { server: 'server/main.ts' }, outdir: 'dist' },
  // The view: main.js plus chunks/ for the code `import()` loads on first use (webview/lazy.tsx). The
  // metafile (beside dist/webview, so not packaged) tells scripts/package.mjs which files load at start.
  {
    ...browser,
    entryPoints: { main: 'webview/main.tsx' },
    outdir: 'dist/webview',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
  },
  // A classic script: a module script from an opaque-origin (sandboxed) frame is a CORS fetch.
  { ...browser, format: 'iife', entryPoints: { main: 'component/main.tsx' }, outdir: 'dist/component' },
  // The built-in demo's Streamlit v2 component: an ES module, read by the host and sent inline.
  { ...browser, sourcemap: false, entryPoints: { rating: 'component/v2/rating.ts' }, outdir: 'dist/component-v2' },
  // The document v2 components are mounted in (a classic script, for the same reason).
  { ...browser, format: 'iife', entryPoints: { runtime: 'v2runtime/runtime.ts' }, outdir: 'dist/v2runtime' },
  // apache-arrow's reader for it, loaded only when a component's data holds a table.
  {
    ...browser,
    format: 'iife',
    globalName: '__componentHostArrow',
    entryPoints: { arrow: 'v2runtime/arrow.ts' },
    outdir: 'dist/v2runtime',
  },
];

if (tests) {
  const hostTests = readdirSync(join(root, 'test/host')).filter((f) => f.endsWith('.test.ts'));
  // One bundle: the runner plus every test file, so `extensionTestsPath` loads a single module.
  targets.push({
    ...node,
    sourcemap: 'inline',
    stdin: {
      contents: [`export { run } from './runner';`, ...hostTests.map((f) => `import './${f}';`)].join('\n'),
      resolveDir: join(root, 'test/host'),
      sourcefile: 'host-tests.ts',
      loader: 'ts',
    },
    outfile: 'dist-test/host/index.js',
    external: ['vscode'],
  });
  // The benchmarks' baseline pages (raw postMessage, vscode-messenger), inlined by test/host/bench.test.ts.
  targets.push({
    ...browser,
    format: 'iife',
    sourcemap: false,
    entryPoints: {
      'bench-raw': 'test/fixtures/bench-baselines/raw.ts',
      'bench-raw-relay-frame': 'test/fixtures/bench-baselines/rawRelayFrame.ts',
      'bench-messenger': 'test/fixtures/bench-baselines/messenger.ts',
      'bench-typed': 'test/fixtures/bench-baselines/typed.ts',
      'bench-typed-relay-frame': 'test/fixtures/bench-baselines/typedRelayFrame.ts',
    },
    outdir: 'dist-test/host',
  });
  // The same loops, for pages the benchmark does not write (the side panel, a component frame): injected as `__benchLoops`.
  targets.push({
    ...browser,
    format: 'iife',
    globalName: '__benchLoops',
    sourcemap: false,
    entryPoints: { 'bench-loops': 'test/fixtures/bench-baselines/loops.ts' },
    outdir: 'dist-test/host',
  });
  // An unmodified streamlit-component-lib component, for the component tests.
  targets.push({
    ...browser,
    format: 'iife',
    entryPoints: { main: 'test/fixtures/streamlit-v1/main.ts' },
    outdir: 'dist-test/fixtures/streamlit-v1',
  });
  // One that takes a data frame (an ArrowTable) and sends one back.
  targets.push({
    ...browser,
    format: 'iife',
    entryPoints: { main: 'test/fixtures/streamlit-v1-arrow/main.ts' },
    outdir: 'dist-test/fixtures/streamlit-v1-arrow',
  });
  // Unmodified Streamlit v2 components (ES modules whose default export is the renderer).
  const v2 = ['counter', 'plain', 'hostile', 'broken', 'arrow'];
  targets.push({
    ...browser,
    sourcemap: false,
    entryPoints: Object.fromEntries(v2.map((n) => [n, `test/fixtures/streamlit-v2/${n}.ts`])),
    outdir: 'dist-test/fixtures/streamlit-v2',
  });
}

function copyStatic() {
  mkdirSync(join(root, 'dist/codicons'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    cpSync(join(root, 'node_modules/@vscode/codicons/dist', file), join(root, 'dist/codicons', file));
  }
  cpSync(join(root, 'component/index.html'), join(root, 'dist/component/index.html'));
  cpSync(join(root, 'v2runtime/index.html'), join(root, 'dist/v2runtime/index.html'));
  for (const file of ['rating.html', 'rating.css']) cpSync(join(root, 'component/v2', file), join(root, 'dist/component-v2', file));
  if (tests) {
    cpSync(join(root, 'test/fixtures/streamlit-v1/index.html'), join(root, 'dist-test/fixtures/streamlit-v1/index.html'));
    cpSync(join(root, 'test/fixtures/streamlit-v1-arrow/index.html'), join(root, 'dist-test/fixtures/streamlit-v1-arrow/index.html'));
    for (const file of ['counter.html', 'counter.css'])
      cpSync(join(root, 'test/fixtures/streamlit-v2', file), join(root, 'dist-test/fixtures/streamlit-v2', file));
  }
}

/** Builds one target; the webview's metafile goes to dist/webview.meta.json (outside the packaged dist/webview/). */
async function build(options) {
  const result = await esbuild.build(options);
  if (options.outdir === 'dist/webview') writeFileSync(join(root, 'dist/webview.meta.json'), JSON.stringify(result.metafile));
}

process.chdir(root);
if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
const started = Date.now();
if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  copyStatic();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => build(t)));
  copyStatic();
  console.log(`built ${targets.length} targets${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
