/** Small statistics helpers shared by the benchmarks. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
}

/** One line of a results table; `ratio` is value / baseline measured in the same run. */
export interface ResultRow {
  metric: string;
  value: number;
  unit: string;
  baseline?: { metric: string; value: number };
  ratio?: number;
  target?: string;
}

export interface BenchResult {
  name: string;
  title: string;
  measuredAt: string;
  machine: { cpus: number; node: string };
  rows: ResultRow[];
  notes?: string[];
  /** Set when the benchmark could not run here (what it needs is absent): why, and how to get it. */
  skipped?: string;
}
