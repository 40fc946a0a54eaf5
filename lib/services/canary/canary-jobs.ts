import "server-only";
import { declareJob } from "@/lib/jobs/define-job";

// A promoted canary's stable deploy succeeded: the canary's objects and rule are removed by a
// canary_promote release. Queued with the deploy's end; waits (retries) while another release
// holds the lock.
export const canaryPromotionJob = declareJob<{ releaseId: string }>("canary-promotion", {
  retryLimit: 30,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 30,
  expireInSeconds: 900,
  concurrency: 2,
});
