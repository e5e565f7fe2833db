/** Small helpers shared by the benchmark scripts: percentiles and a printed table. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i];
}

export function summarise(samplesMs: number[]): { p50: number; p99: number; n: number } {
  const s = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
}

export function ms(n: number): string {
  return `${n.toFixed(2)} ms`;
}
