import "server-only";
import { db } from "@/lib/db";

// What every request or release may ask about the environments' Grafanas (their origins for
// Slipway's Content-Security-Policy, which environments have one, which post release markers),
// read once per process and kept briefly: a change made through this process is seen at once,
// one made through another replica within TTL_MS.
type GrafanaConfigSummary = { origins: string[]; environmentIds: Set<string>; markerEnvironmentIds: Set<string> };

const TTL_MS = 30_000;
let cached: { at: number; summary: Promise<GrafanaConfigSummary> } | null = null;

export function grafanaConfigSummary(): Promise<GrafanaConfigSummary> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const summary = db.environmentGrafana
      .findMany({ select: { environmentId: true, baseUrl: true, tokenEncrypted: true } })
      .then((rows) => ({
        origins: [...new Set(rows.map((row) => new URL(row.baseUrl).origin))].sort(),
        environmentIds: new Set(rows.map((row) => row.environmentId)),
        markerEnvironmentIds: new Set(rows.filter((row) => row.tokenEncrypted).map((row) => row.environmentId)),
      }));
    const entry = { at: Date.now(), summary };
    cached = entry;
    summary.catch(() => {
      if (cached === entry) cached = null;
    });
  }
  return cached.summary;
}

export function forgetGrafanaConfig(): void {
  cached = null;
}
