import "server-only";
import { withAges, type PodSummary } from "@/lib/kube/pods";
import { INSTANCE_LABEL, observeTarget } from "./observe-target";
import { readCaches, type CachedRead } from "./read-caches";

export type AppPods = { namespace: string; labelSelector: string; pods: CachedRead<PodSummary[]> };

// The app's pods in one environment, from the namespace's pods cache.
export async function listAppPods(appId: string, environmentId: string): Promise<AppPods> {
  const target = await observeTarget(appId, environmentId);
  const pods = await readCaches(target, ["pods"], (objects) => {
    const now = new Date();
    return [...objects("pods").values()]
      .filter((pod) => pod.labels[INSTANCE_LABEL] === target.instance)
      .map((pod) => withAges(pod, now))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
  return { namespace: target.namespace, labelSelector: target.labelSelector, pods };
}
