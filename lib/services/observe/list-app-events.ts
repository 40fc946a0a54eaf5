import "server-only";
import { listEventsFor, type EventSummary } from "@/lib/kube/events";
import { observeTarget, readCluster, type ClusterRead } from "./observe-target";

export { EVENT_LIMIT } from "@/lib/kube/events";

export async function listAppEvents(appId: string, environmentId: string): Promise<ClusterRead<EventSummary[]>> {
  const target = await observeTarget(appId, environmentId);
  return readCluster(target, (client) => listEventsFor(client, target.namespace, target.labelSelector));
}
