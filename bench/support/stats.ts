/** Percentiles over repeated timings (nearest-rank, so p95 of 20 runs is the 19th fastest). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(ms: readonly number[]): Timing {
  return { runs: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms) };
}

/** Times `fn` `runs` times after `warmup` untimed runs (ms each); stops early past `budgetMs` once 10 are done. */
export async function timeRuns(runs: number, fn: (i: number) => unknown, warmup = 2, budgetMs = Infinity): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const ms: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    if (i >= 10 && performance.now() - started > budgetMs) break;
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return summarize(ms);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const nowMs = () => performance.timeOrigin + performance.now();
export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
