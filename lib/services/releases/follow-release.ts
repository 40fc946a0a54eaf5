import "server-only";
import { clusterFor } from "@/lib/kube/client";
import { followRollout, type RolloutEvent } from "@/lib/kube/follow-rollout";
import type { PodLine } from "@/lib/kube/rollout-status";
import { loadManifest } from "./manifest-store";
import { db } from "@/lib/db";
import { finishRelease, LEASE_MS, PROCESS_ID, recordProgress, updateRelease } from "./release-store";
import { instanceOf, loadRunnableRelease, mainDeployment } from "./run-release";

// Releases this process follows, so a resumed one is not followed twice here.
const following = new Map<string, Promise<void>>();

// The digest the running pods resolved the release's image to, when the runtime reports one.
function digestOf(pods: PodLine[], image: string | null): { imageDigest?: string } {
  const digest = pods.find((pod) => pod.ready && pod.digest && pod.image === image)?.digest;
  return digest ? { imageDigest: digest } : {};
}

export function followInBackground(releaseId: string): Promise<void> {
  const running = following.get(releaseId);
  if (running) return running;
  const done = followRelease(releaseId)
    .catch(async (error: unknown) => {
      // Handed back at once: the release worker (in this or another process) follows it again.
      console.error(`release ${releaseId}: following failed, handing it back to the release worker`, error);
      await db.release
        .updateMany({ where: { id: releaseId, leaseOwner: PROCESS_ID }, data: { leaseUntil: new Date() } })
        .catch(() => undefined);
    })
    .finally(() => following.delete(releaseId));
  following.set(releaseId, done);
  return done;
}

// Follows the release's Deployment to the end of its rollout, writing replica counts, pods and
// Kubernetes events into the release as they change (every write notifies the browsers).
export async function followRelease(releaseId: string, signal = new AbortController().signal): Promise<void> {
  const release = await loadRunnableRelease(releaseId);
  if (release.status !== "progressing") return;
  const objects = await loadManifest(release.manifestHash);
  const deployment = mainDeployment(objects);
  if (!deployment?.metadata?.name || !deployment.metadata.namespace) {
    await finishRelease(release.id, { status: "succeeded" });
    return;
  }
  const client = clusterFor(release.environment);
  // The pod template our apply left, to tell a rollout by someone else from ours.
  const template = (release.applied as { template?: string } | null)?.template;
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
  const lease = setInterval(() => void updateRelease(release.id, {}).catch(() => undefined), LEASE_MS / 3);
  lease.unref();
  try {
    const outcome = await followRollout(
      client,
      {
        namespace: deployment.metadata.namespace,
        deployment: deployment.metadata.name,
        selector: `app.kubernetes.io/instance=${instanceOf(release)}`,
        since: new Date((release.startedAt ?? release.createdAt).getTime() - 1_000),
        ...(template ? { template } : {}),
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
    if (outcome.phase === "aborted") return;
    if (outcome.phase === "superseded") {
      await finishRelease(release.id, { status: "superseded", error: outcome.message });
      return;
    }
    if (outcome.phase === "complete") {
      await finishRelease(release.id, {
        status: "succeeded",
        progress: { rollout: outcome.progress, pods: outcome.pods },
        ...(outcome.progress.revision ? { kubeRevision: outcome.progress.revision } : {}),
        ...digestOf(outcome.pods, release.image),
      });
      return;
    }
    const failed = await finishRelease(release.id, {
      status: "failed",
      error: outcome.message,
      ...(outcome.phase === "failed" ? { progress: { rollout: outcome.progress, pods: outcome.pods } } : {}),
      ...(outcome.phase === "failed" && outcome.progress.revision ? { kubeRevision: outcome.progress.revision } : {}),
    });
    if (failed && release.kind === "deploy" && release.environment.autoRollback) {
      // Loaded when needed: a rollback is itself followed from here.
      const { autoRollback } = await import("./rollback-release");
      await autoRollback(release.id);
    }
  } finally {
    clearInterval(lease);
  }
}
