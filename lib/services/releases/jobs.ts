import "server-only";
import { handleJob } from "@/lib/jobs/define-job";
import { shutdownSignal } from "@/lib/shutdown";
import { autoRollback } from "./auto-rollback";
import { executeReleaseRequest } from "./execute-release-request";
import { followRelease } from "./follow-release";
import { autoRollbackJob, executeRequestJob, followReleaseJob, resumeReleaseJob } from "./release-jobs";
import { resumeRelease } from "./resume-release";

// The release engine's job handlers, for the registry (lib/jobs/registry.ts). A follower stops
// as soon as its process starts shutting down, and its job goes back to the queue.
export const RELEASE_JOBS = [
  handleJob(followReleaseJob, ({ releaseId }, job) =>
    followRelease(releaseId, AbortSignal.any([job.signal, shutdownSignal()])),
  ),
  handleJob(resumeReleaseJob, async ({ releaseId }) => {
    await resumeRelease(releaseId);
  }),
  handleJob(autoRollbackJob, ({ failedReleaseId }) => autoRollback(failedReleaseId)),
  handleJob(executeRequestJob, async ({ requestId }) => {
    await executeReleaseRequest(requestId);
  }),
];
