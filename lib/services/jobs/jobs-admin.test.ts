import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getBoss } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define-job";
import { sendJob } from "@/lib/jobs/send-job";
import { context, makeUser } from "@/test/factories";
import { runJobsUntilIdle, stopTestJobs } from "@/test/jobs";
import { listBackgroundJobs } from "./list-background-jobs";
import { settleFailedJob } from "./settle-failed-job";

let failures = 0;
const failing = defineJob<{ releaseId: string; secretish: string }>(
  "test-admin-failing",
  { retryLimit: 1, retryDelay: 0 },
  async () => {
    failures++;
    if (failures < 100) throw new Error(`the cluster answered 500 (attempt ${failures})`);
  },
);
const waiting = defineJob<{ n: number }>("test-admin-waiting", { retryLimit: 0 }, async () => {});

let admin: Awaited<ReturnType<typeof makeUser>>;
let ops: Awaited<ReturnType<typeof makeUser>>;
const releaseId = "6f1c3c52-8f42-4a4f-9a38-0b1b7d3d6c11";

beforeAll(async () => {
  admin = await makeUser("admin");
  ops = await makeUser("ops");
});

afterAll(async () => {
  await stopTestJobs();
});

async function failedJob(): Promise<string> {
  const id = await sendJob(failing, { releaseId, secretish: "do not show me" });
  await runJobsUntilIdle([failing]);
  return id!;
}

describe("the Background jobs page's services", () => {
  it("lists queued and failed jobs per kind with attempts, age and the last error, and only ids as subject", async () => {
    const id = await failedJob();
    await sendJob(waiting, { n: 1 }, { startAfter: 600 });
    const { kinds, jobs } = await listBackgroundJobs();
    expect(kinds.find((kind) => kind.name === failing.name)).toMatchObject({ failed: 1 });
    expect(kinds.find((kind) => kind.name === waiting.name)).toMatchObject({ created: 1, failed: 0 });
    const failed = jobs.find((job) => job.id === id);
    expect(failed).toMatchObject({
      state: "failed",
      attempts: 2,
      retryLimit: 2,
      subject: [{ key: "releaseId", value: releaseId }],
      error: "the cluster answered 500 (attempt 2)",
    });
    expect(JSON.stringify(jobs)).not.toContain("do not show me");
    const deferred = jobs.find((job) => job.name === waiting.name);
    expect(deferred?.dueIn).toMatch(/^\d+m/);
    // Failed jobs first.
    expect(jobs[0]?.state).toBe("failed");
  });

  it("retries a failed job and discards another, each with its audit row; only admins, only failed jobs", async () => {
    const retried = await failedJob();
    await expect(settleFailedJob(ops, { name: failing.name, id: retried }, "retry", context)).rejects.toMatchObject({
      code: "forbidden",
    });
    await settleFailedJob(admin, { name: failing.name, id: retried }, "retry", context);
    const boss = await getBoss();
    expect((await boss.getJobById(failing.name, retried))?.state).toBe("retry");
    await expect(settleFailedJob(admin, { name: failing.name, id: retried }, "retry", context)).rejects.toMatchObject({
      code: "conflict",
      messageKey: "jobs.notFailed",
    });
    failures = 100;
    await runJobsUntilIdle([failing]);
    expect((await boss.getJobById(failing.name, retried))?.state).toBe("completed");

    failures = 0;
    const discarded = await failedJob();
    await settleFailedJob(admin, { name: failing.name, id: discarded }, "discard", context);
    expect(await boss.getJobById(failing.name, discarded)).toBeNull();
    await expect(
      settleFailedJob(admin, { name: failing.name, id: discarded }, "discard", context),
    ).rejects.toMatchObject({ code: "not_found" });

    const audit = await db.auditEvent.findMany({
      where: { targetType: "job", targetId: { in: [retried, discarded] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.action, row.targetId, row.actorLabel])).toEqual([
      ["job.retry", retried, admin.email],
      ["job.discard", discarded, admin.email],
    ]);
    expect(audit[0]?.before).toMatchObject({ state: "failed", error: expect.stringContaining("answered 500") });
  });
});
