import "server-only";
import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import { readLive } from "@/lib/kube/apply-objects";
import { clusterFor } from "@/lib/kube/client";
import { toKubeError } from "@/lib/kube/errors";
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
  error: string | null;
};

const INSTANCE = "app.kubernetes.io/instance";

async function workload(client: ReturnType<typeof clusterFor>, namespace: string, name: string): Promise<WorkloadView> {
  const deployment = (await readLive(client, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    name,
    namespace,
  })) as V1Deployment | null;
  if (!deployment) return { image: null, replicas: 0, ready: 0, pods: [], missing: true };
  const selector = deployment.spec?.selector.matchLabels?.[INSTANCE];
  const pods = selector
    ? await client.call((c) => c.core.listNamespacedPod({ namespace, labelSelector: `${INSTANCE}=${selector}` }))
    : { items: [] as V1Pod[] };
  return {
    image: deployment.spec?.template.spec?.containers[0]?.image ?? null,
    replicas: deployment.spec?.replicas ?? 0,
    ready: deployment.status?.readyReplicas ?? 0,
    pods: pods.items.map((pod) => ({
      name: pod.metadata?.name ?? "",
      phase: pod.status?.phase ?? "Unknown",
      ready: pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    })),
    missing: false,
  };
}

// The canary beside the stable version as the cluster has them now: images, pods, readiness,
// and the route's status, read when the page is (nothing of it is kept).
export async function canaryView(target: CanaryTarget): Promise<CanaryLive> {
  const { app, environment } = target.stable;
  const deployment = target.objects.find((o) => o.kind === "Deployment");
  const namespace = (deployment?.metadata as { namespace?: string } | undefined)?.namespace ?? "default";
  const client = clusterFor(environment);
  const empty: WorkloadView = { image: null, replicas: 0, ready: 0, pods: [], missing: false };
  try {
    const [canaryWorkload, stableWorkload, route] = await Promise.all([
      workload(client, namespace, `${app.name}-canary`),
      workload(client, namespace, app.name),
      target.objects.some((o) => o.kind === "HTTPRoute")
        ? readLive(client, {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            name: app.name,
            namespace,
          })
        : Promise.resolve(null),
    ]);
    type RouteStatus = {
      status?: { parents?: { conditions?: { type: string; status: string; reason?: string }[] }[] };
    };
    const conditions = route
      ? ((route as RouteStatus).status?.parents ?? []).flatMap((parent) =>
          (parent.conditions ?? [])
            .filter((c) => c.type === "Accepted" || c.type === "ResolvedRefs")
            .map((c) => ({ condition: c.type, status: c.status, reason: c.reason ?? "" })),
        )
      : null;
    const problem = canaryWorkload.missing
      ? "missing"
      : canaryWorkload.ready === 0
        ? "unready"
        : conditions?.some((c) => c.status === "False")
          ? "route_rejected"
          : null;
    return { canary: canaryWorkload, stable: stableWorkload, route: conditions, problem, error: null };
  } catch (error) {
    return {
      canary: empty,
      stable: empty,
      route: null,
      problem: null,
      error: toKubeError(error, environment.name).message,
    };
  }
}
