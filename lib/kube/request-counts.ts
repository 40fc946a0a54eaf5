import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";

// Kubernetes API requests this process sent, per environment and verb (watch, get, post,
// patch, put, delete): the load Slipway puts on clusters, for bench/scale and later the
// metrics endpoint.
const globalForCounts = globalThis as unknown as { slipwayKubeRequests?: Map<string, number> };
const counts = (globalForCounts.slipwayKubeRequests ??= new Map());

export function kubeRequestCounts(): { environment: string; verb: string; count: number }[] {
  return [...counts.entries()].map(([key, count]) => {
    const [environment = "", verb = ""] = key.split("\u0000");
    return { environment, verb, count };
  });
}

// Every client-node request (API calls and watches alike) authenticates through
// applySecurityAuthentication with its method and URL: counted there.
export function countRequests(environment: string, config: KubeConfig): void {
  const authenticate = config.applySecurityAuthentication.bind(config);
  config.applySecurityAuthentication = async (context) => {
    const verb = context.getUrl().includes("watch=true") ? "watch" : context.getHttpMethod().toLowerCase();
    const key = `${environment}\u0000${verb}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    await authenticate(context);
  };
}
