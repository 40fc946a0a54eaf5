// Alert severities in Slipway's order. Alertmanager leaves severity to the rule author; labels
// outside this list rank below info and are shown as they came.
export const SEVERITIES = ["info", "warning", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: string): number {
  return (SEVERITIES as readonly string[]).indexOf(severity.toLowerCase());
}

// Critical and high go out at once; everything else waits for its subscription's digest.
export function isUrgent(severity: string): boolean {
  return severityRank(severity) >= severityRank("high");
}
