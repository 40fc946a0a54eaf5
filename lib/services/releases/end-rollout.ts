import "server-only";
import { sendJob } from "@/lib/jobs/send-job";
import { queueCanaryPromotion } from "@/lib/services/canary/queue-canary-promotion";
import { autoRollbackJob } from "./release-jobs";
import type { RunnableRelease } from "./release-objects";
import { finishRelease } from "./release-store";

type Outcome = Parameters<typeof finishRelease>[1];

// Where a release's rollout ends (succeeded, failed or superseded), and the policy that decides what follows: a deploy whose
// rollout failed in an environment that opted in is rolled back to its last succeeded release.
// The failure and the rollback job commit together, so a process that stops right after still
// leaves the rollback to happen (once: a release ends once).
export async function endRollout(release: RunnableRelease, outcome: Outcome): Promise<boolean> {
  const rollBack = outcome.status === "failed" && release.kind === "deploy" && release.environment.autoRollback;
  return finishRelease(release.id, outcome, async (tx) => {
    if (rollBack) await sendJob(autoRollbackJob, { failedReleaseId: release.id }, { tx });
    // A promoted canary's deploy (issue 14): its rollout succeeded, so the canary goes.
    if (outcome.status === "succeeded") await queueCanaryPromotion(tx, release);
  });
}
