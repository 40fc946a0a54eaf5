import "server-only";
import { ensureQueue, getBoss, JOB_SCHEMA, stopBoss } from "./boss";
import type { JobDefinition } from "./define-job";
import { startPeriodicWork, type PeriodicWork } from "./periodic";
import { jobNotifyChannel, runQueue, type QueueRunner } from "./queue-runner";

// NOTIFY wakes a queue's runner when a job is sent for now; polling finds the rest (retries after
// a backoff, deferred jobs coming due, jobs whose worker died) within this many seconds: one
// claim per queue and interval.
const POLL_SECONDS = 2;

const globalForWorkers = globalThis as unknown as {
  slipwayStopPeriodic?: () => Promise<void>;
  slipwayQueueRunners?: Map<string, Promise<QueueRunner>>;
};

// Makes sure every queue exists and, unless this is a web-only replica, runs their jobs in this
// process (./queue-runner.ts), and the periodic work beside them. Any number of processes may do
// this on one database: pg-boss hands each job to one of them (SKIP LOCKED), and a job whose
// process died is retried once its claim expires (or its heartbeat stops). A queue already
// running here is left as it is.
export async function startJobWorkers(
  jobs: readonly JobDefinition<object>[],
  options: { workers: boolean; periodic?: readonly PeriodicWork[] },
): Promise<void> {
  await Promise.all(jobs.map((job) => ensureQueue(job)));
  if (!options.workers) return;
  if (options.periodic?.length && !globalForWorkers.slipwayStopPeriodic)
    globalForWorkers.slipwayStopPeriodic = startPeriodicWork(options.periodic);
  const boss = await getBoss();
  const runners = (globalForWorkers.slipwayQueueRunners ??= new Map());
  const channel = jobNotifyChannel(JOB_SCHEMA);
  for (const job of jobs)
    if (!runners.has(job.name)) runners.set(job.name, runQueue(boss, job, { pollMs: POLL_SECONDS * 1_000, channel }));
  await Promise.all(runners.values());
}

// Stops the periodic work, then the queues' runners (jobs in flight get `timeoutMs`, then go back
// to the queue for another process), then the queue's connections.
export async function stopJobWorkers(timeoutMs = 8_000): Promise<void> {
  const stopPeriodic = globalForWorkers.slipwayStopPeriodic;
  delete globalForWorkers.slipwayStopPeriodic;
  await stopPeriodic?.();
  const runners = globalForWorkers.slipwayQueueRunners;
  delete globalForWorkers.slipwayQueueRunners;
  await Promise.all(
    [...(runners?.values() ?? [])].map((runner) =>
      runner.then(
        (started) => started.stop(timeoutMs),
        () => undefined,
      ),
    ),
  );
  await stopBoss(timeoutMs);
}
