import "server-only";
import { ensureQueue, getBoss, stopBoss } from "./boss";
import type { JobDefinition } from "./define-job";

// Makes sure every queue exists and, unless this is a web-only replica, runs their workers in
// this process. Any number of processes may do this on one database: pg-boss hands each job to
// one worker (SKIP LOCKED), and a job whose worker died is retried once its claim expires.
export async function startJobWorkers(
  jobs: readonly JobDefinition<object>[],
  options: { workers: boolean },
): Promise<void> {
  await Promise.all(jobs.map((job) => ensureQueue(job)));
  if (!options.workers) return;
  const boss = await getBoss();
  for (const job of jobs)
    await boss.work<object>(
      job.name,
      { localConcurrency: job.concurrency, pollingIntervalSeconds: 2 },
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

export const stopJobWorkers = stopBoss;
