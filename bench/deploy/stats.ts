import { readFileSync } from "node:fs";

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

// The machine's CPU time counters (/proc/stat, in ticks): on a VM, "steal" is time the
// hypervisor gave to other guests, and the figures of a run with much of it are not comparable.
export function cpuTimes(): number[] | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    return line.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return undefined;
  }
}

export function stealShare(start: number[] | undefined, end: number[] | undefined): string {
  if (!start || !end || end.length < 8) return "CPU steal unknown";
  const delta = end.map((value, index) => value - (start[index] ?? 0));
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const total = delta.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return `CPU stolen by the hypervisor during the run ${total ? ((100 * delta[7]!) / total).toFixed(1) : "?"} %`;
}
