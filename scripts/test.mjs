// `npm test`: provision (first run only), lint, type-check, build, package, then unit and
// end-to-end tests with node's test runner. Ends with one "N passed, N failed" line for both.
// Flags: --unit (unit tests only, no provisioning), --e2e (end-to-end only), --skip-static.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { provision } from './provision.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';
const resultsDir = join(root, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

function step(title, command, commandArgs, env = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

const npx = (bin, ...rest) => [process.execPath, [join(root, 'node_modules', '.bin', bin), ...rest]];

function testFiles(dir, suffix) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

/** Run files with node's test runner: spec on screen, TAP to a file we count from. */
function runSuite(name, files, concurrency) {
  if (files.length === 0) return { pass: 0, fail: 0 };
  const tap = join(resultsDir, `${name}.tap`);
  step(`${name} tests (${files.length} files)`, process.execPath, [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  // A suite that produced no summary (crashed runner) counts as one failure, never as a pass.
  if (!/^# tests \d+$/m.test(text)) return { pass: 0, fail: 1 };
  return { pass: count('pass'), fail: count('fail') + count('cancelled') };
}

let staticFailures = 0;
if (only !== 'e2e' && !args.has('--skip-static')) {
  if (!step('format (prettier --check; `npm run format` fixes)', ...npx('prettier', '--check', '--log-level=warn', '.'))) staticFailures++;
  if (!step('lint (eslint)', ...npx('eslint', '.'))) staticFailures++;
  if (!step('type-check (tsc, extension side)', ...npx('tsc', '-p', 'tsconfig.json', '--noEmit'))) staticFailures++;
  if (!step('type-check (tsc, webview side)', ...npx('tsc', '-p', 'tsconfig.web.json', '--noEmit'))) staticFailures++;
  if (!step('type-check (tsc, end-to-end tests and benchmarks)', ...npx('tsc', '-p', 'tsconfig.e2e.json', '--noEmit'))) staticFailures++;
  if (!step('type-check (tsc, example apps against types/component-host.d.ts)', ...npx('tsc', '-p', 'examples/workspace/apps', '--noEmit')))
    staticFailures++;
}

if (only !== 'unit') {
  try {
    provision();
  } catch (err) {
    console.error(`\n✖ cannot set up the end-to-end test bed: ${err instanceof Error ? err.message : String(err)}`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

if (!step('build (esbuild, with in-host tests)', process.execPath, ['scripts/build.mjs', '--tests'])) staticFailures++;
if (
  only !== 'unit' &&
  !step('package (.vsix)', process.execPath, ['scripts/package.mjs', '--out', join(resultsDir, 'component-host.vsix')])
)
  staticFailures++;
// Packaging builds for production; the development build (with sourcemaps) is what e2e loads.
if (only !== 'unit' && !step('rebuild for tests', process.execPath, ['scripts/build.mjs', '--tests'])) staticFailures++;

const totals = { pass: 0, fail: staticFailures };
if (only !== 'e2e') {
  const r = runSuite('unit', testFiles('test/unit', '.test.ts'), 2);
  totals.pass += r.pass;
  totals.fail += r.fail;
}
if (only !== 'unit') {
  const r = runSuite('e2e', testFiles('test/e2e', '.e2e.test.ts'), 1);
  totals.pass += r.pass;
  totals.fail += r.fail;
  console.log(`\nscreenshots of failures (if any): ${join(resultsDir, 'screenshots')}`);
}
if (staticFailures) console.log(`\n${staticFailures} static step(s) failed (lint, types, build or package): counted as failures`);
console.log(`\n${totals.pass} passed, ${totals.fail} failed`);
process.exit(totals.fail === 0 && totals.pass > 0 ? 0 : 1);
