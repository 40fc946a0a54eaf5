import type { GrafanaTimeRange } from "./types";

// The monitoring tab's range picker: relative ranges Grafana understands, or a custom window.
export const RANGE_CHOICES = ["1h", "6h", "24h", "7d"] as const;
export type RangeChoice = (typeof RANGE_CHOICES)[number] | "custom";

// Grafana's own refresh, inside the panel (never below its min_refresh_interval, 5 s by default).
export const REFRESH_CHOICES = ["off", "30s", "1m", "5m", "15m"] as const;
export type RefreshChoice = (typeof REFRESH_CHOICES)[number];

export function relativeRange(choice: (typeof RANGE_CHOICES)[number]): GrafanaTimeRange {
  return { from: `now-${choice}`, to: "now" };
}

export function absoluteRange(from: Date | number, to: Date | number): GrafanaTimeRange {
  return { from: String(new Date(from).getTime()), to: String(new Date(to).getTime()) };
}

const MARGIN_MS = 15 * 60_000;

// A release's panels: from 15 minutes before it started to 15 minutes after it ended, or to now
// while it runs.
export function releaseWindow(startedAt: Date, finishedAt: Date | null): GrafanaTimeRange {
  const from = String(startedAt.getTime() - MARGIN_MS);
  return { from, to: finishedAt ? String(finishedAt.getTime() + MARGIN_MS) : "now" };
}

// The monitoring tab's choice as Grafana's range: a custom window needs a start before its end,
// otherwise the default range is shown.
export function chosenRange(choice: RangeChoice, from?: string, to?: string): GrafanaTimeRange {
  if (choice !== "custom") return relativeRange(choice);
  return from && to && Number(from) < Number(to) ? { from, to } : relativeRange("6h");
}
