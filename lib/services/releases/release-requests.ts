import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { loadAppEnvironment } from "@/lib/services/apps/app-settings";
import type { DecideRequestInput, DeployInput } from "@/lib/validations/release";
import { notify } from "@/lib/db/listen";
import { RELEASE_CHANNEL } from "./release-store";

// A developer's deploy to a protected environment: stored, audited, shown to ops and admins.
export async function requestDeploy(
  actor: CurrentUser,
  input: DeployInput,
  target: Awaited<ReturnType<typeof loadAppEnvironment>>,
  context: RequestContext,
): Promise<string> {
  return db.$transaction(async (tx) => {
    const request = await tx.releaseRequest.create({
      data: {
        appId: target.app.id,
        environmentId: target.environment.id,
        tag: input.tag,
        description: input.description,
        requestedById: actor.id,
        requestedByLabel: actor.email,
      },
    });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "release.request",
      target: {
        type: "release_request",
        id: request.id,
        label: `${target.app.team.name}/${target.app.name} ${target.environment.name}`,
      },
      after: { tag: input.tag, description: input.description },
      context,
    });
    await notify(tx, RELEASE_CHANNEL, request.id);
    return request.id;
  });
}

// Ops or an admin approve (which runs the deploy, as a release requested by the developer and
// approved by them) or reject with a comment. The decision and its audit row commit with the
// release they start, so an approval that cannot take the lock stays pending.
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
      values: { status: request.status },
    });
  const label = `${request.app.team.name}/${request.app.name} ${request.environment.name}`;
  const decide = async (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], releaseId: string | null) => {
    const { count } = await tx.releaseRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: {
        status: input.decision === "approve" ? "approved" : "rejected",
        decidedById: actor.id,
        decidedByLabel: actor.email,
        decidedAt: new Date(),
        comment: input.comment || null,
        releaseId,
      },
    });
    if (count === 0)
      throw new AppError("conflict", "This request was decided by someone else meanwhile.", {
        field: "requestId",
        messageKey: "releases.alreadyDecided",
        values: { status: "decided" },
      });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: input.decision === "approve" ? "release.approve" : "release.reject",
      target: { type: "release_request", id: request.id, label },
      before: { status: "pending", requestedBy: request.requestedByLabel, tag: request.tag },
      after: { status: input.decision === "approve" ? "approved" : "rejected", comment: input.comment },
      context,
    });
  };
  if (input.decision === "reject") {
    await db.$transaction(async (tx) => {
      await decide(tx, null);
      await notify(tx, RELEASE_CHANNEL, request.id);
    });
    return { status: "rejected" as const };
  }
  const { deployRelease } = await import("./deploy-release");
  const result = await deployRelease(
    actor,
    {
      appId: request.appId,
      environmentId: request.environmentId,
      tag: request.tag,
      description: request.description,
      takeOver: false,
    },
    context,
    {
      trigger: "approval",
      actorLabel: request.requestedByLabel,
      approvedByLabel: actor.email,
      alsoInTransaction: (tx, release) => decide(tx, release.id),
    },
  );
  return { status: "approved" as const, release: result };
}
