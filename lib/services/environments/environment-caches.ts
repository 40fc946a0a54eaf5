import "server-only";
import { cacheHealth } from "@/lib/kube/watch-cache/registry";
import { kubeRequestCounts } from "@/lib/kube/request-counts";

export type EnvironmentCaches = {
  caches: ReturnType<typeof cacheHealth>;
  requests: { verb: string; count: number }[];
};

// The watch caches this Slipway process runs for the environment (synced, last event,
// restarts) and the Kubernetes requests it sent there, for the environment's page.
export function environmentCaches(environment: string): EnvironmentCaches {
  return {
    caches: cacheHealth(environment),
    requests: kubeRequestCounts()
      .filter((entry) => entry.environment === environment)
      .map(({ verb, count }) => ({ verb, count }))
      .sort((a, b) => a.verb.localeCompare(b.verb, "en")),
  };
}
