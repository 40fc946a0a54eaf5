import { allReady } from "./pods";
import type { SlimDeployment, SlimPod } from "./watch-cache/kinds";

export type RolloutProgress = {
  phase: "progressing" | "complete" | "failed";
  message: string;
  generation: number;
  observedGeneration: number;
  desired: number;
  replicas: number;
  updated: number;
  ready: number;
  available: number;
  revision?: number;
  progressDeadlineSeconds: number;
  // Why the controller gave up (the Progressing condition's message), when it did.
  failure?: string;
};

// The Deployment facts a rollout's verdict needs: a cached Deployment as it is, one read from
// the API through slimDeployment (lib/kube/watch-cache/kinds.ts).
export type DeploymentState = Pick<
  SlimDeployment,
  | "generation"
  | "observedGeneration"
  | "desired"
  | "replicas"
  | "updated"
  | "ready"
  | "available"
  | "revision"
  | "progressDeadlineSeconds"
  | "conditions"
>;

// What `kubectl rollout status` decides, from the Deployment alone: the controller has seen
// the latest spec, every desired replica runs the new template and is available, no old
// replica is left; or the Progressing condition says the deadline passed. `since` is when the
// release applied its change.
export function rolloutProgress(deployment: DeploymentState, since?: Date, now = Date.now()): RolloutProgress {
  const { generation, observedGeneration, desired, replicas, updated, ready, available } = deployment;
  const base = {
    generation,
    observedGeneration,
    desired,
    replicas,
    updated,
    ready,
    available,
    progressDeadlineSeconds: deployment.progressDeadlineSeconds,
    ...(deployment.revision ? { revision: Number(deployment.revision) } : {}),
  };
  if (observedGeneration < generation)
    return { ...base, phase: "progressing", message: "Waiting for the deployment controller to see the new spec" };
  const progressing = deployment.conditions.find((c) => c.type === "Progressing");
  // Kubernetes keeps a timed-out verdict on the Deployment until the next rollout makes
  // progress, so right after an apply (a rollback after a failure, say) it can still be there.
  // A rollout cannot have exceeded its deadline before the deadline has passed since it began.
  const early = since !== undefined && now - since.getTime() < base.progressDeadlineSeconds * 1_000;
  if (progressing?.reason === "ProgressDeadlineExceeded" && !early)
    return {
      ...base,
      phase: "failed",
      message: `Progress deadline (${base.progressDeadlineSeconds} s) exceeded: ${progressing.message}`.trim(),
      failure: progressing.message,
    };
  if (updated < desired)
    return { ...base, phase: "progressing", message: `${updated} of ${desired} new replicas updated` };
  if (replicas > updated)
    return { ...base, phase: "progressing", message: `${replicas - updated} old replicas pending termination` };
  if (available < updated)
    return { ...base, phase: "progressing", message: `${available} of ${updated} updated replicas available` };
  return { ...base, phase: "complete", message: `${available} of ${desired} replicas available` };
}

export type PodLine = {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  reason?: string;
  node?: string;
  image?: string;
  // The image digest the kubelet resolved (imageID "…@sha256:…"), when the runtime reports it.
  digest?: string;
};

// The few pod facts a rollout timeline needs, from a pod as the caches keep it (slimPod in
// lib/kube/watch-cache/kinds.ts): kubectl's STATUS and, for a pod that is not ready, why.
export function podLine(pod: SlimPod): PodLine {
  return {
    name: pod.name,
    phase: pod.status,
    ready: allReady(pod),
    restarts: pod.restarts,
    ...(pod.unready ? { reason: pod.unready } : {}),
    ...(pod.node ? { node: pod.node } : {}),
    ...(pod.images[0] ? { image: pod.images[0] } : {}),
    ...(pod.digest ? { digest: pod.digest } : {}),
  };
}
