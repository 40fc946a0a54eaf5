import "server-only";
import { isCanaryKind } from "@/lib/services/canary/canary-state";
import { resumeCanaryRelease } from "@/lib/services/canary/resume-canary-release";
import { applyRelease } from "./apply-release";
import { loadRunnableRelease } from "./release-objects";
import { loadManifest } from "./manifest-store";
import { applyResumed } from "./release-messages";
import { addReleaseEvent, claimInterrupted } from "./release-store";

// Resumes a release whose applying process stopped (found by sweep-interrupted.ts once its
// lease ran out): this process claims it and applies it again (server-side apply is
// idempotent), then records it and queues its follower as usual. A release whose lease someone
// holds again, or that is past applying, is left alone (false): should its new holder stop
// too, the sweep finds it again.
export async function resumeRelease(releaseId: string): Promise<boolean> {
  if (!(await claimInterrupted(releaseId))) return false;
  await addReleaseEvent(releaseId, { reason: "Resumed", ...applyResumed });
  // A canary release (issue 14) sends its own plan, not a stable manifest.
  const release = await loadRunnableRelease(releaseId);
  if (isCanaryKind(release.kind)) {
    await resumeCanaryRelease(release);
    return true;
  }
  const { outcome, record } = await applyRelease(
    releaseId,
    {},
    { release, objects: await loadManifest(release.manifestHash) },
  );
  if (outcome === "follow") await record();
  return true;
}
