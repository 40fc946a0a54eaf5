import "server-only";
import { createHash } from "node:crypto";
import type { Job, PgBoss } from "pg-boss";
import { notifications } from "@/lib/db/listen";
import type { JobDefinition } from "./define-job";

// Runs one queue's jobs in this process: one fetch loop that claims as many jobs as it has free
// slots (up to the kind's concurrency), each job then running on its own and settled on its own
// (completed, or failed into the queue's retries); one heartbeat for all that are running.
//
// Why not pg-boss's work(): it runs `localConcurrency` separate loops, each polling on its own and
// each woken by every NOTIFY of the queue. Following rollouts needs many slots (20 rollouts at
// once are common), and 40 loops meant 20 polling queries a second on an idle process and about
// 40 claims raced for each job sent. Here a queue costs one poll per interval and one claim per
// wake, whatever its concurrency.
export type QueueRunner = {
  // Stops claiming; jobs still running after `timeoutMs` are aborted and handed back to the
  // queue (failed into their retries) for another process.
  stop(timeoutMs: number): Promise<void>;
  running(): number;
};

type Running = { job: Job<object>; abort: AbortController; handedBack: boolean; done: Promise<void> };

// The channel pg-boss sends a queue's name on when a job is inserted into a notify-enabled queue
// (its plans.notifyChannelSql: 'pgboss_' and 24 hex digits of the schema name's SHA-224).
export function jobNotifyChannel(schema: string): string {
  return `pgboss_${createHash("sha224").update(schema.toLowerCase()).digest("hex").slice(0, 24)}`;
}

const errorOutput = (error: unknown) =>
  error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };

export async function runQueue(
  boss: PgBoss,
  definition: JobDefinition<object>,
  options: { pollMs: number; channel: string },
): Promise<QueueRunner> {
  const { name, concurrency } = definition;
  const running = new Map<string, Running>();
  let stopped = false;
  let claiming: Promise<void> | null = null;
  let again = false;
  let lastError = "";

  const settle = async (entry: Running, outcome: { error?: unknown }) => {
    if (entry.handedBack) return;
    // Settled with the attempt it was claimed as: a job another worker took over since (its
    // heartbeat lapsed) is not touched.
    if ("error" in outcome) await boss.fail(name, entry.job, errorOutput(outcome.error));
    else await boss.complete(name, entry.job);
  };

  const start = (job: Job<object>) => {
    const abort = new AbortController();
    const expire = setTimeout(
      () => abort.abort(new Error(`job ${job.id} ran longer than ${job.expireInSeconds} s`)),
      job.expireInSeconds * 1_000,
    );
    expire.unref();
    const entry: Running = { job, abort, handedBack: false, done: Promise.resolve() };
    running.set(job.id, entry);
    entry.done = (async () => {
      let outcome: { error?: unknown } = {};
      try {
        await definition.handler(job.data, {
          id: job.id,
          name: job.name,
          retryCount: job.retryCount,
          signal: abort.signal,
        });
      } catch (error) {
        outcome = { error };
      }
      clearTimeout(expire);
      await settle(entry, outcome).catch((error: unknown) =>
        console.error(
          `[slipway] job ${name} ${job.id}: settling failed:`,
          error instanceof Error ? error.message : error,
        ),
      );
      running.delete(job.id);
      pump();
    })();
  };

  // One claim at a time; a wake during a claim asks for one more after it.
  const pump = (): void => {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = (async () => {
      do {
        again = false;
        const free = concurrency - running.size;
        if (free <= 0) return;
        const jobs = await boss.fetch<object>(name, { batchSize: free });
        if (stopped) {
          // Claimed while stopping: straight back to the queue.
          if (jobs.length > 0) await boss.fail(name, jobs, { message: "the process stopped" });
          return;
        }
        for (const job of jobs) start(job);
        // A full batch: there may be more waiting.
        if (jobs.length > 0 && jobs.length === free) again = true;
      } while (again && !stopped);
      lastError = "";
    })()
      .catch((error: unknown) => {
        // Once per distinct error: a database that is down fails every poll the same way.
        const text = error instanceof Error ? error.message : String(error);
        if (text !== lastError) console.error(`[slipway] job queue ${name}: claiming failed:`, text);
        lastError = text;
      })
      .finally(() => {
        claiming = null;
        // A wake that came as the claim ended.
        if (again) pump();
      });
  };

  // The running jobs' heartbeats, all in one statement: a job whose claim is gone (failed by the
  // queue's supervisor, or taken over by another process meanwhile) is told to stop.
  const beat = async () => {
    const held = [...running.values()].filter((entry) => entry.job.heartbeatSeconds && !entry.abort.signal.aborted);
    if (held.length === 0) return;
    const touched = (await boss.touch(
      name,
      held.map((entry) => entry.job),
    )) as { settled?: string[] };
    if (!touched.settled) return;
    const refreshed = new Set(touched.settled);
    for (const entry of held)
      if (!refreshed.has(entry.job.id))
        entry.abort.abort(new Error(`job ${entry.job.id} is no longer held by this process`));
  };
  const heartbeatSeconds = definition.settings.heartbeatSeconds ?? 0;
  const heartbeat =
    heartbeatSeconds > 0 ? setInterval(() => void beat().catch(() => undefined), heartbeatSeconds * 500) : undefined;
  heartbeat?.unref();

  let unsubscribe = () => {};
  try {
    unsubscribe = await notifications().subscribe(options.channel, (queue) => {
      if (queue === name) pump();
    });
  } catch (error) {
    // Without the listening connection jobs still start, at the next poll.
    console.error(`[slipway] job queue ${name}: not listening:`, error instanceof Error ? error.message : error);
  }
  const poll = setInterval(pump, options.pollMs);
  poll.unref();
  pump();

  return {
    running: () => running.size,
    async stop(timeoutMs) {
      if (stopped) return;
      stopped = true;
      clearInterval(poll);
      clearInterval(heartbeat);
      unsubscribe();
      await claiming;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running.values()].map((entry) => entry.done)),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
      const left = [...running.values()];
      if (left.length === 0) return;
      for (const entry of left) {
        entry.handedBack = true;
        entry.abort.abort(new Error("the process is stopping"));
      }
      await boss
        .fail(
          name,
          left.map((entry) => entry.job),
          { message: "the process stopped while the job ran" },
        )
        .catch(() => undefined);
    },
  };
}
