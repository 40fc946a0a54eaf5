import "server-only";
import { db } from "@/lib/db";

// What every request or release may ask about the environments' Grafanas (their origins for
// Slipway's Content-Security-Policy, which environments have one, which post release markers),
// read once per process and kept briefly: a change made through this process is seen at once,
// one made through another replica within TTL_MS.
type GrafanaConfigSummary = { origins: string[]; environmentIds: Set<string>; markerEnvironmentIds: Set<string> };

const TTL_MS = 30_000;
type Cached = { at: number; summary: Promise<GrafanaConfigSummary> } | null;
// Kept on globalThis: proxy.ts (the Content-Security-Policy) and the pages are bundled apart
// but run in one process, and a save through either must be seen by both at once.
const holder = globalThis as typeof globalThis & { __slipwayGrafanaConfig?: Cached };

export function grafanaConfigSummary(): Promise<GrafanaConfigSummary> {
  const cached = holder.__slipwayGrafanaConfig;
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const summary = db.environmentGrafana
      .findMany({ select: { environmentId: true, baseUrl: true, tokenEncrypted: true } })
      .then((rows) => ({
        origins: [...new Set(rows.map((row) => new URL(row.baseUrl).origin))].sort(),
        environmentIds: new Set(rows.map((row) => row.environmentId)),
        markerEnvironmentIds: new Set(rows.filter((row) => row.tokenEncrypted).map((row) => row.environmentId)),
      }));
    const entry = { at: Date.now(), summary };
    holder.__slipwayGrafanaConfig = entry;
    summary.catch(() => {
      if (holder.__slipwayGrafanaConfig === entry) holder.__slipwayGrafanaConfig = null;
    });
    return summary;
  }
  return cached.summary;
}

export function forgetGrafanaConfig(): void {
  holder.__slipwayGrafanaConfig = null;
}
