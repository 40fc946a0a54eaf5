import "server-only";
import { listPods, type PodSummary } from "@/lib/kube/pods";
import { observeTarget, readCluster, type ClusterRead } from "./observe-target";

export type AppPods = { namespace: string; labelSelector: string; pods: ClusterRead<PodSummary[]> };

export async function listAppPods(appId: string, environmentId: string): Promise<AppPods> {
  const target = await observeTarget(appId, environmentId);
  return {
    namespace: target.namespace,
    labelSelector: target.labelSelector,
    pods: await readCluster(target, (client) => listPods(client, target.namespace, target.labelSelector)),
  };
}
