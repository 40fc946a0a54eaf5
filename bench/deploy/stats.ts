// Order statistics of a sample, nearest-rank: the p-th percentile is a value that was measured.
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: number[]) => percentile(values, 50);

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "-");

// Progress lines of long steps, told apart from the figures.
export function progress(message: string): void {
  console.log(`[bench] ${message}`);
}
