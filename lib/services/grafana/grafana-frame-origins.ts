import "server-only";
import { grafanaConfigSummary } from "./grafana-config-cache";

// The origins Slipway's pages may show in a frame: the configured Grafanas (for the
// Content-Security-Policy's frame-src).
export async function grafanaFrameOrigins(): Promise<string[]> {
  return (await grafanaConfigSummary()).origins;
}
