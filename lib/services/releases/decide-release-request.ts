import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { message } from "@/lib/i18n/stored-message";
import type { RequestContext } from "@/lib/request-context";
import type { DecideRequestInput } from "@/lib/validations/release";
import { notify } from "@/lib/db/listen";
import { sendJob } from "@/lib/jobs/send-job";
import { executeReleaseRequest } from "./execute-release-request";
import { executeRequestJob } from "./release-jobs";
import { renderDeploy } from "./render-deploy";
import { RELEASE_CHANNEL } from "./release-store";
import { requestFingerprint } from "./request-fingerprint";

// The approver's attempt finds the request stale: it leaves the queue (the developer asks again).
async function markStale(actor: CurrentUser, requestId: string, label: string, context: RequestContext) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.releaseRequest.updateMany({
      where: { id: requestId, status: "pending" },
      data: { status: "stale", decidedById: actor.id, decidedByLabel: actor.email, decidedAt: new Date() },
    });
    if (count === 0) return;
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "release.stale",
      target: { type: "release_request", id: requestId, label },
      before: { status: "pending" },
      after: { status: "stale" },
      context,
    });
    await notify(tx, RELEASE_CHANNEL, requestId);
  });
}

// Ops or an admin approve or reject with a comment. An approval commits with its audit row and
// the job that deploys the request (as a release requested by the developer and approved by
// them), then starts it right away; when another release holds the lock, the job deploys it
// once the lock is free.
export async function decideReleaseRequest(actor: CurrentUser, input: DecideRequestInput, context: RequestContext) {
  if (!can(actor.role, "releases.approve"))
    throw new AppError("forbidden", "Only ops or an admin may decide.", {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  const request = await db.releaseRequest.findUnique({
    where: { id: input.requestId },
    include: { app: { include: { team: true } }, environment: true },
  });
  if (!request) throw new AppError("not_found", "Unknown request.", { field: "requestId" });
  if (request.status !== "pending")
    throw new AppError("conflict", `This request was already ${request.status}.`, {
      field: "requestId",
      messageKey: "releases.alreadyDecided",
      values: { status: message(`releases.requestStatus.${request.status}`) },
    });
  const label = `${request.app.team.name}/${request.app.name} ${request.environment.name}`;
  const approve = input.decision === "approve";
  // What would ship must still render and resolve before anyone approves it: a tag whose image
  // changed in the registry since the request (issue 13) is refused here, the request left pending.
  // The approval applies the objects captured at request time (the diff the approver read), so
  // parameters or a template changed since make the request stale (issue 9).
  if (approve) {
    const current = await renderDeploy(request.appId, request.environmentId, request.tag, request.digest ?? undefined);
    const now = requestFingerprint(current.target);
    if (
      !request.manifestHash ||
      request.parametersHash !== now.parametersHash ||
      request.templateVersionId !== now.templateVersionId
    ) {
      await markStale(actor, request.id, label, context);
      throw new AppError("conflict", "The app's parameters or template changed after this request.", {
        field: "requestId",
        messageKey: "approvals.stale",
      });
    }
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.releaseRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: {
        status: approve ? "approved" : "rejected",
        decidedById: actor.id,
        decidedByLabel: actor.email,
        decidedAt: new Date(),
        comment: input.comment || null,
      },
    });
    if (count === 0)
      throw new AppError("conflict", "This request was decided by someone else meanwhile.", {
        field: "requestId",
        messageKey: "releases.decidedMeanwhile",
      });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: approve ? "release.approve" : "release.reject",
      target: { type: "release_request", id: request.id, label },
      before: { status: "pending", requestedBy: request.requestedByLabel, tag: request.tag },
      after: { status: approve ? "approved" : "rejected", comment: input.comment },
      context,
    });
    // Due a little later: normally the deploy below has started it by then.
    if (approve) await sendJob(executeRequestJob, { requestId: request.id }, { tx, startAfter: 10 });
    await notify(tx, RELEASE_CHANNEL, request.id);
  });
  if (!approve) return { status: "rejected" as const };
  try {
    const release = await executeReleaseRequest(request.id, context);
    return { status: "approved" as const, ...(release ? { release } : {}) };
  } catch (error) {
    // Another release holds the lock: the job deploys the request once it is free.
    if (error instanceof AppError && error.code === "conflict") return { status: "approved" as const };
    throw error;
  }
}
