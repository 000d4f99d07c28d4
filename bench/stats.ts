/** Small statistics shared by the benchmarks. */

/** The p-th percentile (nearest rank) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Times `fn` `runs` times (after `warmup` untimed runs), in milliseconds. */
export function timeMs(fn: () => unknown, runs: number, warmup = 0): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

/**
 * Times `fn` `runs` times after warming it up for at least `warmupMs` (and 3 runs): the JIT needs
 * some hundreds of calls, and V8's young generation most of a second to grow to its working size,
 * before a function runs as it does in an editor session that has been open a while. Both sides of
 * a comparison get the same warm-up time.
 */
export function timeWarmMs(fn: () => unknown, runs: number, warmupMs = 1000): number[] {
  const until = performance.now() + warmupMs;
  for (let i = 0; i < 3 || performance.now() < until; i++) fn();
  return timeMs(fn, runs);
}
