import "server-only";
import { grafanaConfigSummary } from "./grafana-config-cache";

// Whether releases in an environment get a Grafana marker (its Grafana has a token).
export async function postsReleaseMarkers(environmentId: string): Promise<boolean> {
  return (await grafanaConfigSummary()).markerEnvironmentIds.has(environmentId);
}
