// `npm run bench`: builds, runs every bench/*.bench.ts (each writes bench/results/<name>.json), then
// writes docs/benchmarks.md from all results. Figures are reported as ratios against a baseline
// measured in the same run, because these machines are noisy.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { provision } from './provision.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const only = process.argv.slice(2);
provision();
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status === 0;
if (!run(['scripts/package.mjs', '--figures', '--out', join(root, 'test-results', 'component-host.vsix')])) process.exit(1);
// --production: measure what the .vsix ships (React's development build alone tripled the view's render time).
if (!run(['scripts/build.mjs', '--production', '--tests'])) process.exit(1);

let failed = 0;
for (const file of readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n▶ ${file}`);
  if (!run(['--import', 'tsx', join('bench', file)])) failed++;
}

const resultsDir = join(root, 'bench', 'results');
const results = existsSync(resultsDir)
  ? readdirSync(resultsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: f, data: JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) }))
  : [];
const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` from `bench/results/*.json`; do not edit by hand. Every ratio compares two',
  'figures measured in the same run on the same machine, because absolute numbers on these 2-core',
  'machines vary from run to run.',
  '',
];
for (const { file, data } of results) {
  if (file === 'package.json') {
    lines.push('## Package sizes', '', `Measured ${data.measuredAt}.`, '', '| what | size |', '| --- | --- |');
    lines.push(`| .vsix | ${(data.vsixBytes / 1024).toFixed(1)} KiB (budget 2 MiB) |`);
    lines.push(`| dist/extension.js | ${(data.extensionJsBytes / 1024).toFixed(1)} KiB |`);
    lines.push(`| dist/server.js | ${(data.serverJsBytes / 1024).toFixed(1)} KiB |`);
    const initial = data.webviewInitialFiles ? ` (${data.webviewInitialFiles.join(', ')})` : '';
    lines.push(`| webview JS at start, gzip${initial} | ${(data.webviewJsGzipBytes / 1024).toFixed(1)} KiB (budget 250 KiB) |`);
    for (const chunk of data.webviewLazyChunks ?? []) {
      lines.push(
        `| webview chunk loaded on first use: ${chunk.file.replace(/-[A-Z0-9]{8}\.js$/, '.js')}, gzip | ${(chunk.gzipBytes / 1024).toFixed(1)} KiB |`,
      );
    }
    lines.push(`| component JS, gzip | ${(data.componentJsGzipBytes / 1024).toFixed(1)} KiB |`, '');
    continue;
  }
  if (data.skipped) {
    lines.push(`## ${data.title}`, '', `Skipped ${data.measuredAt}: ${data.skipped}`, '');
    continue;
  }
  if (!Array.isArray(data.rows)) continue;
  lines.push(`## ${data.title}`, '', `Measured ${data.measuredAt} on ${data.machine.cpus} cores, Node ${data.machine.node}.`, '');
  lines.push('| metric | value | baseline (same run) | ratio | target |', '| --- | --- | --- | --- | --- |');
  for (const row of data.rows) {
    const baseline = row.baseline ? `${row.baseline.metric}: ${fmt(row.baseline.value)} ${row.unit}` : '';
    lines.push(
      `| ${row.metric} | ${fmt(row.value)} ${row.unit} | ${baseline} | ${row.ratio !== undefined ? `${row.ratio.toFixed(2)}×` : ''} | ${row.target ?? ''} |`,
    );
  }
  for (const note of data.notes ?? []) lines.push('', note);
  lines.push('');
}
// Hand-written notes after the generated tables survive regeneration.
const previous = existsSync(join(root, 'docs', 'benchmarks.md')) ? readFileSync(join(root, 'docs', 'benchmarks.md'), 'utf8') : '';
const notesAt = previous.indexOf('## Reading these figures');
writeFileSync(join(root, 'docs', 'benchmarks.md'), lines.join('\n') + (notesAt >= 0 ? `\n${previous.slice(notesAt)}` : ''));
console.log(`\nwrote docs/benchmarks.md from ${results.length} result file(s)${failed ? `; ${failed} benchmark(s) failed` : ''}`);
process.exit(failed ? 1 : 0);
