import "server-only";
import { EVENT_LIMIT, isAppObject, type EventSummary } from "@/lib/kube/events";
import { formatAge } from "@/lib/kube/pods";
import { INSTANCE_LABEL, observeTarget } from "./observe-target";
import { readCaches, type CachedRead } from "./read-caches";

export { EVENT_LIMIT } from "@/lib/kube/events";

// The latest events of the app's Deployments, their ReplicaSets and pods, newest first, from
// the namespace's caches. Events live for an hour per namespace, so the namespace's cache
// stays small; pods replaced by a rollout are recognised by name (isAppObject).
export async function listAppEvents(appId: string, environmentId: string): Promise<CachedRead<EventSummary[]>> {
  const target = await observeTarget(appId, environmentId);
  return readCaches(target, ["deployments", "pods", "events"], (objects) => {
    const ours = <T extends { labels: Record<string, string>; name: string }>(items: Iterable<T>) =>
      [...items].filter((item) => item.labels[INSTANCE_LABEL] === target.instance).map((item) => item.name);
    const app = { deployments: ours(objects("deployments").values()), pods: ours(objects("pods").values()) };
    const now = new Date();
    return [...objects("events").values()]
      .filter((event) => isAppObject(event.involved, app))
      .sort((a, b) => b.time.localeCompare(a.time))
      .slice(0, EVENT_LIMIT)
      .map(({ involved: _involved, ...event }) => ({
        ...event,
        age: event.time ? formatAge(new Date(event.time), now) : "",
      }));
  });
}
