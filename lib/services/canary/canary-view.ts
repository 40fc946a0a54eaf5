import "server-only";
import { allReady } from "@/lib/kube/pods";
import type { SlimDeployment, SlimPod } from "@/lib/kube/watch-cache/kinds";
import { readCaches } from "@/lib/services/observe/read-caches";
import type { CanaryTarget } from "./canary-state";

export type WorkloadView = {
  image: string | null;
  replicas: number;
  ready: number;
  pods: { name: string; ready: boolean; phase: string }[];
  missing: boolean;
};
export type CanaryLive = {
  canary: WorkloadView;
  stable: WorkloadView;
  // The HTTPRoute's conditions per parent Gateway (Accepted, ResolvedRefs), or null on ingress-nginx.
  route: { condition: string; status: string; reason: string }[] | null;
  // What a tester sending the header meets instead of the canary, if anything.
  problem: "missing" | "unready" | "route_rejected" | null;
  // The namespace's caches are not synced (yet): nothing above is the cluster's word; `error` is
  // the cluster's last answer when it gave one.
  unsynced: boolean;
  error: string | null;
};

function workload(
  deployments: ReadonlyMap<string, SlimDeployment>,
  pods: ReadonlyMap<string, SlimPod>,
  name: string,
): WorkloadView {
  const deployment = deployments.get(name);
  if (!deployment) return { image: null, replicas: 0, ready: 0, pods: [], missing: true };
  // The Deployment's own pods: those its selector matches (none without one).
  const selector = Object.entries(deployment.selector);
  const selected = (pod: SlimPod) => selector.length > 0 && selector.every(([key, value]) => pod.labels[key] === value);
  return {
    image: deployment.images[0] ?? null,
    replicas: deployment.desired,
    ready: deployment.ready,
    pods: [...pods.values()]
      .filter(selected)
      .sort((a, b) => a.name.localeCompare(b.name, "en"))
      .map((pod) => ({ name: pod.name, phase: pod.status, ready: allReady(pod) })),
    missing: false,
  };
}

// The canary beside the stable version as the cluster has them now: images, pods, readiness,
// and the route's status, from the namespace's shared watch caches (lib/kube/watch-cache): a
// view of the Canaries page sends the cluster nothing once they are warm (issue 17).
export async function canaryView(target: CanaryTarget): Promise<CanaryLive> {
  const { app, environment } = target.stable;
  const deployment = target.objects.find((o) => o.kind === "Deployment");
  const namespace = (deployment?.metadata as { namespace?: string } | undefined)?.namespace ?? "default";
  const routed = target.objects.some((o) => o.kind === "HTTPRoute");
  const read = await readCaches(
    { environment, namespace },
    routed ? ["deployments", "pods", "httproutes"] : ["deployments", "pods"],
    (objects) => {
      const deployments = objects("deployments");
      const pods = objects("pods");
      const route = routed ? objects("httproutes").get(app.name) : undefined;
      return {
        canary: workload(deployments, pods, `${app.name}-canary`),
        stable: workload(deployments, pods, app.name),
        route: routed
          ? (route?.conditions ?? []).map((c) => ({ condition: c.type, status: c.status, reason: c.reason }))
          : null,
      };
    },
  );
  if (!read.ok) {
    const empty: WorkloadView = { image: null, replicas: 0, ready: 0, pods: [], missing: false };
    return { canary: empty, stable: empty, route: null, problem: null, unsynced: true, error: read.error };
  }
  const { canary, stable, route } = read.value;
  const problem = canary.missing
    ? "missing"
    : canary.ready === 0
      ? "unready"
      : route?.some((c) => c.status === "False")
        ? "route_rejected"
        : null;
  return { canary, stable, route, problem, unsynced: false, error: null };
}
