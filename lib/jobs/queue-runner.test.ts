import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { eventually } from "@/test/sandbox";
import { getBoss, JOB_SCHEMA } from "./boss";
import { defineJob } from "./define-job";
import { jobNotifyChannel, runQueue, type QueueRunner } from "./queue-runner";
import { sendJob } from "./send-job";
import { startJobWorkers, stopJobWorkers } from "./workers";

const runners: QueueRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop(500)));
  await stopJobWorkers(1_000);
});

// A runner that polls only once a minute: a job that starts at once was woken by its NOTIFY.
async function runner(job: Parameters<typeof runQueue>[1]) {
  await startJobWorkers([job], { workers: false });
  const started = await runQueue(await getBoss(), job, { pollMs: 60_000, channel: jobNotifyChannel(JOB_SCHEMA) });
  runners.push(started);
  return started;
}

async function states(name: string) {
  return db.$queryRaw<{ state: string; message: string | null }[]>`
    SELECT state::text AS state, output->>'message' AS message FROM pgboss.job WHERE name = ${name} ORDER BY created_on`;
}

describe("a queue's runner", () => {
  it("starts a job as soon as it is sent (its NOTIFY, not the poll), and as many at once as its concurrency", async () => {
    const gate = Promise.withResolvers<void>();
    const started: number[] = [];
    const job = defineJob<{ n: number }>("test-runner-slots", { retryLimit: 0 }, async ({ n }) => {
      started.push(n);
      await gate.promise;
    });
    const slots = { ...job, concurrency: 3 };
    const running = await runner(slots);
    const sentAt = Date.now();
    await sendJob(slots, { n: 1 });
    await eventually("the first job runs", async () => started.length === 1, 10_000);
    // Woken by the NOTIFY: well before the minute-long poll.
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    for (const n of [2, 3, 4, 5]) await sendJob(slots, { n });
    await eventually("three jobs run at once", async () => running.running() === 3, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(started).toHaveLength(3);
    gate.resolve();
    // Freed slots claim the rest without waiting for the poll.
    await eventually(
      "all five completed",
      async () => (await states("test-runner-slots")).every((row) => row.state === "completed"),
      10_000,
    );
    expect(started.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("fails a throwing job into its retries, with its message", async () => {
    const job = defineJob<object>("test-runner-throws", { retryLimit: 1, retryDelay: 60 }, async () => {
      throw new Error("the registry said no");
    });
    await runner(job);
    await sendJob(job, {});
    await eventually(
      "the job waits for its retry",
      async () => (await states("test-runner-throws"))[0]?.state === "retry",
      10_000,
    );
    expect((await states("test-runner-throws"))[0]?.message).toBe("the registry said no");
  });

  it("hands a job still running when it stops back to the queue", async () => {
    let signal: AbortSignal | undefined;
    const job = defineJob<object>("test-runner-stop", { retryLimit: 3, retryDelay: 60 }, async (_data, info) => {
      signal = info.signal;
      // Ignores its signal: the runner must not wait for it forever.
      await new Promise((resolve) => setTimeout(resolve, 30_000));
    });
    const running = await runner(job);
    await sendJob(job, {});
    await eventually("the job runs", async () => running.running() === 1, 10_000);
    const stoppedAt = Date.now();
    await running.stop(300);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(signal?.aborted).toBe(true);
    const [row] = await states("test-runner-stop");
    expect(row).toEqual({ state: "retry", message: "the process stopped while the job ran" });
  });
});
