import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResult, ResultRow } from './stats';

export const resultsDir = resolve(__dirname, 'results');

export function writeResult(name: string, title: string, rows: ResultRow[], notes: string[] = []): BenchResult {
  const result = save({ ...header(name, title), rows, notes });
  for (const row of rows) {
    const ratio = row.ratio !== undefined ? `  (${row.ratio.toFixed(2)}× ${row.baseline?.metric})` : '';
    console.log(`${row.metric.padEnd(48)} ${row.value.toFixed(3).padStart(12)} ${row.unit}${ratio}`);
  }
  return result;
}

/** Records that a benchmark did not run here, and why; docs/benchmarks.md then says so in its section. */
export function writeSkipped(name: string, title: string, why: string): BenchResult {
  return save({ ...header(name, title), rows: [], skipped: why });
}

function header(name: string, title: string): Pick<BenchResult, 'name' | 'title' | 'measuredAt' | 'machine'> {
  return { name, title, measuredAt: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version } };
}

function save(result: BenchResult): BenchResult {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${result.name}.json`), JSON.stringify(result, null, 2) + '\n');
  return result;
}

/** Runs a benchmark's `main` as the process: exit 0 when it resolves, 1 (with the error) when it throws. */
export function runBenchmark(main: () => Promise<void>): void {
  void main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
