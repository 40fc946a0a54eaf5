import "server-only";
import { createHash } from "node:crypto";
import type { CoreV1Event, KubernetesObject, V1Pod, V1ReplicaSet } from "@kubernetes/client-node";
import { canonicalJson } from "@/lib/diff/canonical-json";
import { summariseEvent, type EventSummary } from "../events";
import { templateManager } from "../field-owners";
import { allReady, summarisePod, type PodState } from "../pods";
import { revisionOf, type KubeRevision } from "../revisions";

// What the caches keep of each kind: only the fields Slipway shows, so memory stays bounded by
// the number of objects, not by their size (managed fields, pod specs and the like are dropped).
// Lists give Date objects and watch events strings: times are kept as ISO strings either way.

type Raw = Record<string, unknown> & KubernetesObject;
type Any = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === "number" ? value : 0);
const obj = (value: unknown): Any => (value && typeof value === "object" ? (value as Any) : {});
const arr = (value: unknown): Any[] => (Array.isArray(value) ? (value as Any[]) : []);

export type SlimDeployment = {
  name: string;
  labels: Record<string, string>;
  // spec.selector.matchLabels: the labels of its pods.
  selector: Record<string, string>;
  generation: number;
  observedGeneration: number;
  desired: number;
  replicas: number;
  updated: number;
  ready: number;
  available: number;
  images: string[];
  revision: string | null;
  progressDeadlineSeconds: number;
  conditions: { type: string; status: string; reason: string; message: string }[];
  // The pod template as a hash of its canonical JSON (templateHash), and who other than Slipway
  // wrote it last: a release follower tells another rollout from its own without the cache
  // keeping templates.
  templateHash: string;
  templateManager: string | null;
};

// What the pods page shows (kubectl's columns, containers for the log picker), the labels that
// say whose pod it is, and for a release's timeline why it is not ready (the Ready condition's
// reason and message) and the image digest its first container runs.
export type SlimPod = PodState & { labels: Record<string, string>; unready: string | null; digest: string | null };

// A revision of a Deployment (its ReplicaSet) and the labels that say whose it is.
export type SlimReplicaSet = KubeRevision & { labels: Record<string, string> };

// An event as the pods page shows it (without its age, said at reading), and what it is about.
export type SlimEvent = Omit<EventSummary, "age"> & { involved: { kind: string; name: string } };

export type SlimHpa = { name: string; min: number; max: number; current: number; desired: number };

// A Gateway API HTTPRoute as the canary view shows it: whether its parent Gateways accepted it and
// resolved its backends (the conditions a tester's request depends on).
export type SlimHttpRoute = { name: string; conditions: { type: string; status: string; reason: string }[] };

// A short digest of a pod template's canonical JSON (lib/diff/canonical-json.ts).
export function templateHash(canonical: string): string {
  return createHash("sha256").update(canonical).digest("base64url");
}

const images = (podSpec: unknown) => arr(obj(podSpec).containers).map((container) => String(container.image ?? ""));

// Also for a Deployment read or applied (rolloutProgress reads this shape).
export function slimDeployment(raw: KubernetesObject): SlimDeployment {
  return deployment(raw as Raw);
}

function deployment(raw: Raw): SlimDeployment {
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  return {
    name: raw.metadata?.name ?? "",
    labels: raw.metadata?.labels ?? {},
    selector: Object.fromEntries(
      Object.entries(obj(obj(spec.selector).matchLabels)).map(([key, value]) => [key, String(value)]),
    ),
    generation: num(raw.metadata?.generation),
    observedGeneration: num(status.observedGeneration),
    desired: typeof spec.replicas === "number" ? spec.replicas : 1,
    replicas: num(status.replicas),
    updated: num(status.updatedReplicas),
    ready: num(status.readyReplicas),
    available: num(status.availableReplicas),
    images: images(obj(obj(spec.template).spec)),
    revision: raw.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? null,
    progressDeadlineSeconds: typeof spec.progressDeadlineSeconds === "number" ? spec.progressDeadlineSeconds : 600,
    conditions: arr(status.conditions).map((c) => ({
      type: String(c.type ?? ""),
      status: String(c.status ?? ""),
      reason: String(c.reason ?? ""),
      message: String(c.message ?? ""),
    })),
    templateHash: templateHash(canonicalJson(spec.template ?? {})),
    templateManager: templateManager(raw),
  };
}

// Also for a pod read from the API (podLine reads this shape).
export function slimPod(raw: KubernetesObject): SlimPod {
  return pod(raw as Raw);
}

function pod(raw: Raw): SlimPod {
  const { age: _age, lastRestart: _lastRestart, ...state } = summarisePod(raw as V1Pod, new Date());
  const status = obj(raw.status);
  const condition = arr(status.conditions).find((c) => c.type === "Ready");
  const why = allReady(state) ? "" : [condition?.reason, condition?.message].filter(Boolean).join(": ");
  const imageId = String(arr(status.containerStatuses)[0]?.imageID ?? "");
  return {
    ...state,
    labels: raw.metadata?.labels ?? {},
    unready: why || null,
    digest: /@(sha256:[a-f0-9]{64})$/.exec(imageId)?.[1] ?? null,
  };
}

function replicaSet(raw: Raw): SlimReplicaSet {
  return { ...revisionOf(raw as V1ReplicaSet), labels: raw.metadata?.labels ?? {} };
}

function event(raw: Raw): SlimEvent {
  const { age: _age, ...summary } = summariseEvent(raw as unknown as CoreV1Event, new Date());
  const involved = obj(raw.involvedObject);
  return { ...summary, involved: { kind: String(involved.kind ?? ""), name: String(involved.name ?? "") } };
}

function hpa(raw: Raw): SlimHpa {
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  return {
    name: raw.metadata?.name ?? "",
    min: num(spec.minReplicas) || 1,
    max: num(spec.maxReplicas),
    current: num(status.currentReplicas),
    desired: num(status.desiredReplicas),
  };
}

function httpRoute(raw: Raw): SlimHttpRoute {
  return {
    name: raw.metadata?.name ?? "",
    conditions: arr(obj(raw.status).parents).flatMap((parent) =>
      arr(parent.conditions)
        .filter((c) => c.type === "Accepted" || c.type === "ResolvedRefs")
        .map((c) => ({ type: String(c.type), status: String(c.status ?? ""), reason: String(c.reason ?? "") })),
    ),
  };
}

export const KINDS = {
  deployments: { apiVersion: "apps/v1", kind: "Deployment", path: "/apis/apps/v1", slim: deployment },
  replicasets: { apiVersion: "apps/v1", kind: "ReplicaSet", path: "/apis/apps/v1", slim: replicaSet },
  pods: { apiVersion: "v1", kind: "Pod", path: "/api/v1", slim: pod },
  events: { apiVersion: "v1", kind: "Event", path: "/api/v1", slim: event },
  horizontalpodautoscalers: {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    path: "/apis/autoscaling/v2",
    slim: hpa,
  },
  httproutes: {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    path: "/apis/gateway.networking.k8s.io/v1",
    slim: httpRoute,
  },
} as const;

export type CacheKind = keyof typeof KINDS;
export type Slim<K extends CacheKind> = ReturnType<(typeof KINDS)[K]["slim"]>;
