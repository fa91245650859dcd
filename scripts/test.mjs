// `npm test`: provision (first run only), lint, type-check, build, package, then unit tests and the
// end-to-end suites on each VS Code build of scripts/vscode-builds.json (all of them on the newest, the
// listed ones on the oldest). Prints counts per build, then one "N passed, N failed" line for everything.
// Flags: --unit (unit tests only, no provisioning), --e2e (end-to-end only), --skip-static,
// --build=<name> (end-to-end on that build only).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerVersion, provision } from './provision.mjs';
import { buildNames, vscodeBuild } from './vscodeBuilds.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const startedAt = Date.now();
const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';
const buildArg = [...args].find((a) => a.startsWith('--build='))?.slice('--build='.length);
const builds = (buildArg ? [buildArg] : buildNames).map(vscodeBuild);
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
function runSuite(name, title, files, concurrency, env = {}) {
  if (files.length === 0) return { pass: 0, fail: 0 };
  const tap = join(resultsDir, `${name}.tap`);
  const started = Date.now();
  step(
    title,
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  // A suite that produced no summary (crashed runner) counts as one failure, never as a pass.
  if (!/^# tests \d+$/m.test(text)) return { pass: 0, fail: 1, minutes };
  return { pass: count('pass'), fail: count('fail') + count('cancelled'), minutes };
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
    provision(builds.map((b) => b.name));
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
const lines = [];
const add = (label, r) => {
  totals.pass += r.pass;
  totals.fail += r.fail;
  lines.push(`${label}: ${r.pass} passed, ${r.fail} failed${r.minutes ? ` (${r.minutes} min)` : ''}`);
};
if (only !== 'e2e') {
  add('unit', runSuite('unit', 'unit tests', testFiles('test/unit', '.test.ts'), 2));
}
if (only !== 'unit') {
  const e2eFiles = testFiles('test/e2e', '.e2e.test.ts');
  for (const build of builds) {
    const files = build.e2e === 'all' ? e2eFiles : build.e2e.map((suite) => join('test', 'e2e', `${suite}.e2e.test.ts`));
    const missing = files.filter((f) => !existsSync(join(root, f)));
    let version;
    try {
      version = codeServerVersion(build);
    } catch (err) {
      version = `does not start: ${err instanceof Error ? err.message : String(err)}`;
    }
    const label = `e2e on VS Code ${build.vscode} (${build.name}, code-server ${build.codeServer})`;
    if (missing.length || version.startsWith('does not start')) {
      // A build that cannot run, or a listed suite that is gone, is a failure, never a silent skip.
      console.error(`\n✖ ${label}: ${missing.length ? `no such suite ${missing.join(', ')}` : version}`);
      add(label, { pass: 0, fail: 1 });
      continue;
    }
    const title = `e2e tests on ${build.label}: code-server ${version} (${files.length} files)`;
    add(label, runSuite(`e2e-${build.name}`, title, files, 1, { COMPONENT_HOST_VSCODE: build.name }));
  }
  console.log(`\nscreenshots of failures (if any): ${join(resultsDir, 'screenshots')}`);
}
if (staticFailures) console.log(`\n${staticFailures} static step(s) failed (lint, types, build or package): counted as failures`);
console.log(`\n${lines.join('\n')}\nall steps: ${((Date.now() - startedAt) / 60_000).toFixed(1)} min`);
console.log(`${totals.pass} passed, ${totals.fail} failed`);
process.exit(totals.fail === 0 && totals.pass > 0 ? 0 : 1);
