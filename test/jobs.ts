// The job queue in tests: real pg-boss on the test database. Either real workers
// (startTestJobs, as a Slipway process runs them) or, for deterministic tests, the queued jobs
// run here and now until none is left (runJobsUntilIdle).
import { getBoss } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { JOBS } from "@/lib/jobs/registry";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { RELEASE_JOBS } from "@/lib/services/releases/jobs";

export async function startTestJobs(jobs: readonly JobDefinition<object>[] = JOBS): Promise<void> {
  await startJobWorkers(jobs, { workers: true });
}

// Only the release engine's workers (following rollouts, resuming, auto-rollback, approved
// requests): for tests that deploy and wait for the release to end, while they run their own
// feature's jobs deterministically with runJobsUntilIdle.
export async function startReleaseJobs(): Promise<void> {
  await startTestJobs(RELEASE_JOBS as JobDefinition<object>[]);
}

export async function stopTestJobs(): Promise<void> {
  await stopJobWorkers(2_000);
}

export type IdleReport = { completed: number; failed: { name: string; id: string; error: string }[] };

// Fetches and runs the queued jobs of the given kinds until a whole pass finds none. A failing
// handler fails its job as a worker would (retried later per the queue's settings); with
// `includeDeferred` jobs whose startAfter lies ahead run too.
export async function runJobsUntilIdle(
  jobs: readonly JobDefinition<object>[] = JOBS,
  options: { includeDeferred?: boolean; maxRounds?: number } = {},
): Promise<IdleReport> {
  const boss = await startJobWorkers(jobs, { workers: false }).then(() => getBoss());
  const report: IdleReport = { completed: 0, failed: [] };
  for (let round = 0; round < (options.maxRounds ?? 100); round++) {
    let ran = 0;
    for (const job of jobs) {
      const claimed = await boss.fetch<object>(job.name, {
        batchSize: 10,
        ignoreStartAfter: options.includeDeferred ?? false,
      });
      for (const one of claimed) {
        ran++;
        try {
          await job.handler(one.data, { id: one.id, name: one.name, retryCount: one.retryCount, signal: one.signal });
          await boss.complete(job.name, one);
          report.completed++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await boss.fail(job.name, one, { message });
          report.failed.push({ name: job.name, id: one.id, error: message });
        }
      }
    }
    if (ran === 0) return report;
  }
  throw new Error("runJobsUntilIdle: jobs kept coming after 100 rounds");
}
