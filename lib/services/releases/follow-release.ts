import "server-only";
import { clusterFor } from "@/lib/kube/client";
import { followRollout, type RolloutEvent } from "@/lib/kube/follow-rollout";
import type { PodLine } from "@/lib/kube/rollout-status";
import { endRollout } from "./end-rollout";
import { kubeErrorMessage } from "./release-messages";
import { loadManifest } from "./manifest-store";
import { recordProgress } from "./release-store";
import { instanceOf, loadRunnableRelease, mainDeployment } from "./release-objects";

// Thrown when the follower was stopped (its process is shutting down): the job goes back to the
// queue and another process follows the rollout from where it stands.
export class FollowStopped extends Error {
  constructor(releaseId: string) {
    super(`following release ${releaseId} stopped: handed back to the queue`);
    this.name = "FollowStopped";
  }
}

// The digest the running pods resolved the release's image to, when the runtime reports one.
function digestOf(pods: PodLine[], image: string | null): { imageDigest?: string } {
  const digest = pods.find((pod) => pod.ready && pod.digest && pod.image === image)?.digest;
  return digest ? { imageDigest: digest } : {};
}

// Follows the release's Deployment to the end of its rollout, writing replica counts, pods and
// Kubernetes events into the release as they change (every write notifies the browsers). Run
// by the follow job (release-jobs.ts); a release no longer progressing has nothing to follow.
export async function followRelease(releaseId: string, signal: AbortSignal): Promise<void> {
  const release = await loadRunnableRelease(releaseId);
  if (release.status !== "progressing") return;
  const objects = await loadManifest(release.manifestHash);
  const deployment = mainDeployment(objects);
  if (!deployment?.metadata?.name || !deployment.metadata.namespace) {
    await endRollout(release, { status: "succeeded" });
    return;
  }
  const client = clusterFor(release.environment);
  // The pod template and the Deployment generation our apply left, to tell a rollout by someone
  // else from ours and ours from the Deployment as it was before.
  const { template, generation } = (release.applied ?? {}) as { template?: string; generation?: number };
  // Changes arrive faster than transactions commit on a busy machine: one write at a time,
  // carrying the latest progress and every event seen since the previous write.
  let pendingProgress: object | null = null;
  let pendingEvents: RolloutEvent[] = [];
  let writing: Promise<void> | null = null;
  const flush = (): Promise<void> =>
    (writing ??= (async () => {
      while (pendingProgress || pendingEvents.length > 0) {
        const progress = pendingProgress;
        const events = pendingEvents;
        pendingProgress = null;
        pendingEvents = [];
        await recordProgress(release.id, progress, events).catch((error: unknown) =>
          console.error(`release ${releaseId}: write failed`, error),
        );
      }
    })().finally(() => {
      writing = null;
    }));
  let lastProgress = "";
  const outcome = await followRollout(
    client,
    {
      namespace: deployment.metadata.namespace,
      deployment: deployment.metadata.name,
      podLabels: { "app.kubernetes.io/instance": instanceOf(release) },
      since: new Date((release.startedAt ?? release.createdAt).getTime() - 1_000),
      ...(template ? { template } : {}),
      ...(generation ? { generation } : {}),
    },
    {
      progress(rollout, pods) {
        const progress = JSON.stringify({ rollout, pods });
        if (progress === lastProgress) return;
        lastProgress = progress;
        pendingProgress = { rollout, pods };
        void flush();
      },
      event(event) {
        pendingEvents.push(event);
        void flush();
      },
    },
    signal,
  );
  while (writing) await flush();
  if (outcome.phase === "aborted") throw new FollowStopped(release.id);
  if (outcome.phase === "superseded") {
    await endRollout(release, {
      status: "superseded",
      error: outcome.message,
      errorMessage: outcome.messageData ?? kubeErrorMessage(outcome.message),
    });
    return;
  }
  if (outcome.phase === "complete") {
    await endRollout(release, {
      status: "succeeded",
      progress: { rollout: outcome.progress, pods: outcome.pods },
      ...(outcome.progress.revision ? { kubeRevision: outcome.progress.revision } : {}),
      ...digestOf(outcome.pods, release.image),
    });
    return;
  }
  await endRollout(release, {
    status: "failed",
    error: outcome.message,
    // An unreachable cluster's text is lib/kube/errors.ts's; the others carry their message.
    errorMessage: outcome.messageData ?? kubeErrorMessage(outcome.message),
    ...(outcome.phase === "failed" ? { progress: { rollout: outcome.progress, pods: outcome.pods } } : {}),
    ...(outcome.phase === "failed" && outcome.progress.revision ? { kubeRevision: outcome.progress.revision } : {}),
  });
}
