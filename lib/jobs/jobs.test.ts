import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { eventually } from "@/test/sandbox";
import { runJobsUntilIdle, startTestJobs, stopTestJobs } from "@/test/jobs";
import { getBoss } from "./boss";
import { defineJob } from "./define-job";
import { sendJob } from "./send-job";

const seen: string[] = [];
const recordJob = defineJob<{ note: string }>("test-record", { retryLimit: 0 }, async ({ note }) => {
  seen.push(note);
});
let attempts = 0;
const flakyJob = defineJob<{ failTimes: number }>(
  "test-flaky",
  { retryLimit: 2, retryDelay: 0 },
  async ({ failTimes }) => {
    attempts++;
    if (attempts <= failTimes) throw new Error(`attempt ${attempts} failed`);
  },
);
const onePerKey = defineJob<{ n: number }>("test-one-per-key", { policy: "stately", retryLimit: 0 }, async () => {});

afterAll(async () => {
  await stopTestJobs();
});

describe("the job queue", () => {
  it("queues a job with the transaction that decides it: committed, it runs; rolled back, it never existed", async () => {
    await db.$transaction(async (tx) => {
      await sendJob(recordJob, { note: "committed" }, { tx });
    });
    await db
      .$transaction(async (tx) => {
        await sendJob(recordJob, { note: "rolled back" }, { tx });
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    const report = await runJobsUntilIdle([recordJob]);
    expect(report).toEqual({ completed: 1, failed: [] });
    expect(seen).toEqual(["committed"]);
  });

  it("retries a failing job and ends it failed, with its error, once the retries are spent", async () => {
    attempts = 0;
    const retried = await sendJob(flakyJob, { failTimes: 1 });
    const first = await runJobsUntilIdle([flakyJob]);
    expect(first.completed).toBe(1);
    expect(first.failed.map((f) => f.error)).toEqual(["attempt 1 failed"]);
    const boss = await getBoss();
    expect((await boss.getJobById(flakyJob.name, retried!))?.state).toBe("completed");

    attempts = 0;
    const dead = await sendJob(flakyJob, { failTimes: 10 });
    const second = await runJobsUntilIdle([flakyJob]);
    expect(second.completed).toBe(0);
    expect(second.failed).toHaveLength(3);
    const job = await boss.getJobById(flakyJob.name, dead!, {});
    expect(job?.state).toBe("failed");
    expect(job?.output).toMatchObject({ message: "attempt 3 failed" });
  });

  it("keeps one queued job per key on a stately queue", async () => {
    const first = await sendJob(onePerKey, { n: 1 }, { singletonKey: "subscription-1:wecom" });
    const second = await sendJob(onePerKey, { n: 2 }, { singletonKey: "subscription-1:wecom" });
    const other = await sendJob(onePerKey, { n: 3 }, { singletonKey: "subscription-2:wecom" });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    expect(other).toBeTruthy();
    await runJobsUntilIdle([onePerKey]);
  });

  it("runs jobs on real workers as soon as they are sent", async () => {
    await startTestJobs([recordJob]);
    await sendJob(recordJob, { note: "worker" });
    await eventually("the worker ran the job", async () => seen.includes("worker"), 30_000);
  });
});
