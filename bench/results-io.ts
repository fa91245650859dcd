import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResult, ResultRow } from './stats';

export const resultsDir = resolve(__dirname, 'results');

export function writeResult(name: string, title: string, rows: ResultRow[], notes: string[] = []): BenchResult {
  const result: BenchResult = {
    name,
    title,
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    rows,
    notes,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  for (const row of rows) {
    const ratio = row.ratio !== undefined ? `  (${row.ratio.toFixed(2)}× ${row.baseline?.metric})` : '';
    console.log(`${row.metric.padEnd(48)} ${row.value.toFixed(3).padStart(12)} ${row.unit}${ratio}`);
  }
  return result;
}
