import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import { summarisePod } from "./pods";

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
};

// What `kubectl rollout status` decides, from the Deployment alone: the controller has seen
// the latest spec, every desired replica runs the new template and is available, no old
// replica is left; or the Progressing condition says the deadline passed. `since` is when the
// release applied its change.
export function rolloutProgress(deployment: V1Deployment, since?: Date, now = Date.now()): RolloutProgress {
  const generation = deployment.metadata?.generation ?? 0;
  const status = deployment.status ?? {};
  const observedGeneration = status.observedGeneration ?? 0;
  const desired = deployment.spec?.replicas ?? 1;
  const replicas = status.replicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const revisionText = deployment.metadata?.annotations?.["deployment.kubernetes.io/revision"];
  const base = {
    generation,
    observedGeneration,
    desired,
    replicas,
    updated,
    ready,
    available,
    progressDeadlineSeconds: deployment.spec?.progressDeadlineSeconds ?? 600,
    ...(revisionText ? { revision: Number(revisionText) } : {}),
  };
  if (observedGeneration < generation)
    return { ...base, phase: "progressing", message: "Waiting for the deployment controller to see the new spec" };
  const progressing = status.conditions?.find((c) => c.type === "Progressing");
  // Kubernetes keeps a timed-out verdict on the Deployment until the next rollout makes
  // progress, so right after an apply (a rollback after a failure, say) it can still be there.
  // A rollout cannot have exceeded its deadline before the deadline has passed since it began.
  const early = since !== undefined && now - since.getTime() < base.progressDeadlineSeconds * 1_000;
  if (progressing?.reason === "ProgressDeadlineExceeded" && !early)
    return {
      ...base,
      phase: "failed",
      message: `Progress deadline (${base.progressDeadlineSeconds} s) exceeded: ${progressing.message ?? ""}`.trim(),
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

// The few pod facts a rollout timeline needs: kubectl's STATUS (summarisePod) and, for a pod
// that is not ready, why (the Ready condition's reason and message).
export function podLine(pod: V1Pod, now = new Date()): PodLine {
  const summary = summarisePod(pod, now);
  const ready = summary.totalContainers > 0 && summary.readyContainers === summary.totalContainers;
  const condition = pod.status?.conditions?.find((c) => c.type === "Ready");
  const why = ready ? "" : [condition?.reason, condition?.message].filter(Boolean).join(": ");
  const digest = /@(sha256:[a-f0-9]{64})$/.exec(pod.status?.containerStatuses?.[0]?.imageID ?? "")?.[1];
  return {
    name: summary.name,
    phase: summary.status,
    ready,
    restarts: summary.restarts,
    ...(why ? { reason: why } : {}),
    ...(summary.node ? { node: summary.node } : {}),
    ...(summary.images[0] ? { image: summary.images[0] } : {}),
    ...(digest ? { digest } : {}),
  };
}
