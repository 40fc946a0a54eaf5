import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterResponse } from "@/lib/after-response";
import { applyRelease, type Preloaded, type ReleaseHooks } from "./apply-release";

export type StartedRelease = {
  kind: "release";
  releaseId: string;
  number: number;
  status: "progressing" | "succeeded" | "failed";
};

// Applies a freshly opened release and hands its rollout to the follower: the one way deploys,
// rollbacks, scaling, restarts and approved requests start. The caller waits for the objects to
// be applied, not for the bookkeeping after it (recording the apply and queueing the follower,
// which NOTIFY wakes at once), which starts once the answer has gone out, so it does not hold
// the answer up. A crash in between leaves the release
// to the sweep for interrupted releases (sweep-interrupted.ts).
export async function startRelease(
  release: Preloaded["release"],
  objects: KubernetesObject[],
  hooks?: ReleaseHooks,
): Promise<StartedRelease> {
  const { outcome, record } = await applyRelease(release.id, hooks, { release, objects });
  if (outcome === "follow")
    afterResponse(() =>
      record().catch((error: unknown) => console.error(`release ${release.id}: recording the apply failed`, error)),
    );
  return {
    kind: "release",
    releaseId: release.id,
    number: release.number,
    status: outcome === "follow" ? "progressing" : outcome === "done" ? "succeeded" : "failed",
  };
}
