import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { message, type StoredMessage } from "@/lib/i18n/stored-message";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { RollbackInput } from "@/lib/validations/release";
import { isCanaryKind } from "@/lib/services/canary/canary-state";
import { openRollback } from "./open-rollback";
import { rollbackDescription } from "./release-descriptions";
import { startRelease, type StartedRelease } from "./start-release";
import { releaseAccess } from "./release-access";
import type { ReleaseHooks } from "./apply-release";

async function rollbackTarget(releaseId: string, appId: string, environmentId: string) {
  const target = await db.release.findUnique({
    where: { id: releaseId },
    include: { app: { include: { team: true } }, environment: true },
  });
  if (!target || target.appId !== appId || target.environmentId !== environmentId)
    throw new AppError("invalid_input", "The release to roll back to belongs to another app or environment.", {
      field: "releaseId",
      messageKey: "releases.rollbackOtherApp",
    });
  if (isCanaryKind(target.kind))
    throw new AppError(
      "invalid_input",
      `Release #${target.number} changed a canary; choose a release of the stable app.`,
      {
        field: "releaseId",
        messageKey: "canary.rollbackCanary",
        values: { number: target.number },
      },
    );
  if (target.status !== "succeeded")
    throw new AppError("invalid_input", `Release #${target.number} did not succeed; choose a succeeded release.`, {
      field: "releaseId",
      messageKey: "releases.rollbackNotSucceeded",
      values: { number: target.number, status: message(`releases.status.${target.status}`) },
    });
  return target;
}

// Applies an earlier succeeded release's stored objects again, as a new release of kind
// rollback: history only grows, and the objects are exactly those that once worked.
export async function rollbackRelease(
  actor: CurrentUser,
  input: RollbackInput,
  context: RequestContext,
  hooks?: ReleaseHooks,
  // The message of a description Slipway wrote (a rollback from an alert).
  written?: { descriptionMessage: StoredMessage },
): Promise<StartedRelease> {
  const target = await rollbackTarget(input.releaseId, input.appId, input.environmentId);
  if (releaseAccess(actor, target.app.teamId, target.environment, "deploy") === "request")
    throw new AppError("forbidden", "Only ops or an admin may roll back a protected environment.", {
      messageKey: "releases.protectedOnly",
    });
  const release = await openRollback(target, {
    actor: { id: actor.id, email: actor.email },
    actorLabel: actor.email,
    trigger: "user",
    ...(input.description ? { description: input.description, ...written } : rollbackDescription(target.number)),
    audit: { to: target.number, image: target.image },
    context,
  });
  return startRelease(release.release, release.objects, hooks);
}
