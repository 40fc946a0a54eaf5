import "server-only";
import type { CoreV1Event, V1ObjectReference } from "@kubernetes/client-node";
import { formatAge } from "./pods";

export type EventSummary = {
  id: string;
  // ISO time of the last occurrence.
  time: string;
  age: string;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
};

export const EVENT_LIMIT = 100;

// "<base>-<hash>" for a ReplicaSet, "<base>-<hash>-<suffix>" for its pods.
function generatedFrom(name: string, base: string, segments: number): boolean {
  if (!name.startsWith(`${base}-`)) return false;
  const rest = name.slice(base.length + 1).split("-");
  return rest.length === segments && rest.every((segment) => /^[a-z0-9]+$/.test(segment));
}

// Pods replaced by a rollout are gone but keep their events for an hour, so pods and
// ReplicaSets are recognised by the names their Deployment gives them, not only by listing.
export function isAppObject(ref: V1ObjectReference, app: { deployments: string[]; pods: string[] }): boolean {
  const name = ref.name ?? "";
  switch (ref.kind) {
    case "Deployment":
      return app.deployments.includes(name);
    case "ReplicaSet":
      return app.deployments.some((d) => generatedFrom(name, d, 1));
    case "Pod":
      return app.pods.includes(name) || app.deployments.some((d) => generatedFrom(name, d, 2));
    default:
      return false;
  }
}

// Events written through events.k8s.io carry eventTime and a series instead of lastTimestamp.
// client-node types MicroTime fields as Date but hands them over as the wire's strings.
function lastSeen(event: CoreV1Event): Date | undefined {
  const time: Date | string | undefined =
    event.lastTimestamp ?? event.series?.lastObservedTime ?? event.eventTime ?? event.metadata.creationTimestamp;
  return time === undefined ? undefined : new Date(time);
}

export function summariseEvent(event: CoreV1Event, now: Date): EventSummary {
  const time = lastSeen(event);
  return {
    id: event.metadata.uid ?? event.metadata.name ?? "",
    time: time?.toISOString() ?? "",
    age: time ? formatAge(time, now) : "",
    type: event.type ?? "Normal",
    reason: event.reason ?? "",
    object: `${event.involvedObject.kind ?? "?"}/${event.involvedObject.name ?? "?"}`,
    message: event.message?.trim() ?? "",
    count: event.series?.count ?? event.count ?? 1,
  };
}
