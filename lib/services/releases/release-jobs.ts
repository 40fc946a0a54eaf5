import "server-only";
import { declareJob } from "@/lib/jobs/define-job";

// The release engine's background work, as kinds of jobs (their handlers are in jobs.ts).
// Whatever decides that one of these must happen queues it in the same transaction as the
// change that decided it.

// How long a release being applied by a request may go without renewing its lease before
// another process applies it again.
export const LEASE_SECONDS = 10;

// Follows a release's rollout to its end. A follower sends a heartbeat while it watches: a
// killed process's follow stops beating and is retried by another worker within seconds.
export const followReleaseJob = declareJob<{ releaseId: string }>("release-follow", {
  retryLimit: 50,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 10,
  heartbeatSeconds: 10,
  expireInSeconds: 3_600,
  concurrency: 50,
});

// A release whose applying process stopped (its lease ran out), applied again. Queued by the
// sweep every worker process runs (sweep-interrupted.ts); while the lease is held again it
// waits, and once the release is past applying it has nothing to do.
export const resumeReleaseJob = declareJob<{ releaseId: string }>("release-resume", {
  retryLimit: 30,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 5,
  expireInSeconds: 900,
  concurrency: 8,
});

// Work that opens a release waits (retries with backoff) while another release holds the lock.
const WAITS_FOR_THE_LOCK = {
  retryLimit: 30,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 30,
  expireInSeconds: 900,
  concurrency: 2,
};

// A failed deploy in an environment with automatic rollback: back to the last release that
// succeeded.
export const autoRollbackJob = declareJob<{ failedReleaseId: string }>("release-auto-rollback", WAITS_FOR_THE_LOCK);

// An approved request for a protected environment, deployed.
export const executeRequestJob = declareJob<{ requestId: string }>("release-request-execute", WAITS_FOR_THE_LOCK);
