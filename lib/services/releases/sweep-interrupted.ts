import "server-only";
import { db } from "@/lib/db";
import { sendJob } from "@/lib/jobs/send-job";
import { LEASE_SECONDS, resumeReleaseJob } from "./release-jobs";

// How often every worker process looks for releases whose applying process stopped.
export const SWEEP_SECONDS = 5;

// Releases left behind by a process that stopped while applying them: still pending or
// applying (so still holding their lock), their lease run out. Each is queued to be applied
// again (resume-release.ts), at most once per lease period; claiming it is atomic, so two
// processes finding the same release apply it once. A request that opens a release queues
// nothing for this: the sweep costs a deploy no time.
export async function sweepInterruptedReleases(): Promise<string[]> {
  const interrupted = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id::text AS id FROM release_locks l JOIN releases r ON r.id = l.release_id
    WHERE r.status IN ('pending', 'applying') AND (r.lease_until IS NULL OR r.lease_until < now())`;
  for (const { id } of interrupted)
    await sendJob(resumeReleaseJob, { releaseId: id }, { singletonKey: id, singletonSeconds: LEASE_SECONDS });
  return interrupted.map(({ id }) => id);
}
