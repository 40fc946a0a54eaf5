import "server-only";
import { fromPrisma } from "pg-boss";
import { writeAudit } from "@/lib/audit/write-audit";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getBoss } from "@/lib/jobs/boss";
import type { RequestContext } from "@/lib/request-context";
import type { JobInput } from "@/lib/validations/job";

// An admin's decision on a failed job (its retries spent): run it again, or discard it. The
// change to the queue and its audit row commit together.
export async function settleFailedJob(
  actor: CurrentUser,
  input: JobInput,
  decision: "retry" | "discard",
  context: RequestContext,
): Promise<void> {
  if (!can(actor.role, "jobs.manage"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not do this.`, {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  const boss = await getBoss();
  await db.$transaction(async (tx) => {
    const options = { db: fromPrisma(tx) };
    // A queue that does not exist holds no such job (pg-boss throws for it).
    const job = await boss.getJobById(input.name, input.id, options).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === "PGBOSS_QUEUE_NOT_FOUND") return null;
      throw error;
    });
    if (!job)
      throw new AppError("not_found", "This job no longer exists.", { field: "id", messageKey: "jobs.notFound" });
    if (job.state !== "failed")
      throw new AppError("conflict", `Only a failed job can be retried or discarded; this one is ${job.state}.`, {
        field: "id",
        messageKey: "jobs.notFailed",
        values: { state: job.state },
      });
    if (decision === "retry") await boss.retry(input.name, input.id, options);
    else await boss.deleteJob(input.name, input.id, options);
    const error = (job.output as { message?: unknown } | null)?.message;
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: decision === "retry" ? "job.retry" : "job.discard",
      target: { type: "job", id: input.id, label: input.name },
      before: { state: job.state, attempts: job.retryCount + 1, error: typeof error === "string" ? error : null },
      context,
    });
  });
}
