import "server-only";
import { ensureQueue, getBoss, stopBoss } from "./boss";
import type { JobDefinition } from "./define-job";
import { startPeriodicWork, type PeriodicWork } from "./periodic";

// NOTIFY wakes workers when a job is sent for now; polling finds the rest (retries after a
// backoff, deferred jobs coming due, jobs whose worker died) within this many seconds.
const POLL_SECONDS = 2;

const globalForPeriodic = globalThis as unknown as { slipwayStopPeriodic?: () => Promise<void> };

// Makes sure every queue exists and, unless this is a web-only replica, runs their workers in
// this process, and the periodic work beside them. Any number of processes may do this on one
// database: pg-boss hands each job to one worker (SKIP LOCKED), and a job whose worker died is
// retried once its claim expires.
export async function startJobWorkers(
  jobs: readonly JobDefinition<object>[],
  options: { workers: boolean; periodic?: readonly PeriodicWork[] },
): Promise<void> {
  await Promise.all(jobs.map((job) => ensureQueue(job)));
  if (!options.workers) return;
  if (options.periodic?.length && !globalForPeriodic.slipwayStopPeriodic)
    globalForPeriodic.slipwayStopPeriodic = startPeriodicWork(options.periodic);
  const boss = await getBoss();
  for (const job of jobs)
    await boss.work<object>(
      job.name,
      {
        localConcurrency: job.concurrency,
        pollingIntervalSeconds: POLL_SECONDS,
        notifyPollingIntervalSeconds: POLL_SECONDS,
      },
      async ([claimed]) => {
        if (!claimed) return;
        await job.handler(claimed.data, {
          id: claimed.id,
          name: claimed.name,
          retryCount: claimed.retryCount,
          signal: claimed.signal,
        });
      },
    );
}

// Stops the periodic work, then the workers (jobs in flight get `timeoutMs`; see stopBoss).
export async function stopJobWorkers(timeoutMs?: number): Promise<void> {
  const stopPeriodic = globalForPeriodic.slipwayStopPeriodic;
  delete globalForPeriodic.slipwayStopPeriodic;
  await stopPeriodic?.();
  await stopBoss(timeoutMs);
}
