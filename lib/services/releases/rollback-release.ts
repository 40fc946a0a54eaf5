import "server-only";
import type { Actor } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { RollbackInput } from "@/lib/validations/release";
import { startRelease, type DeployResult } from "./deploy-release";
import { loadManifest } from "./manifest-store";
import { openRelease } from "./release-store";
import { releaseAccess } from "./release-access";
import type { ReleaseHooks } from "./run-release";

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
  if (target.status !== "succeeded")
    throw new AppError("invalid_input", `Release #${target.number} did not succeed; choose a succeeded release.`, {
      field: "releaseId",
      messageKey: "releases.rollbackNotSucceeded",
      values: { number: target.number, status: target.status },
    });
  return target;
}

type Target = Awaited<ReturnType<typeof rollbackTarget>>;

// A new release of kind rollback carrying the target's stored objects and parameters.
async function openRollback(
  target: Target,
  who: {
    actor: Actor;
    actorLabel: string;
    trigger: "user" | "auto-rollback";
    description: string;
    audit: Record<string, unknown>;
    context?: RequestContext;
  },
) {
  const objects = await loadManifest(target.manifestHash);
  const release = await openRelease({
    appId: target.appId,
    environmentId: target.environmentId,
    kind: "rollback",
    image: target.image,
    parameters: target.parameters as Record<string, unknown>,
    objects,
    description: who.description,
    actor: who.actor,
    actorLabel: who.actorLabel,
    trigger: who.trigger,
    rollbackOfId: target.id,
    audit: {
      action: "release.rollback",
      label: `${target.app.team.name}/${target.app.name} ${target.environment.name}`,
      after: who.audit,
      ...(who.context ? { context: who.context } : {}),
    },
  });
  return { release: { ...release, app: target.app, environment: target.environment }, objects };
}

// Applies an earlier succeeded release's stored objects again, as a new release of kind
// rollback: history only grows, and the objects are exactly those that once worked.
export async function rollbackRelease(
  actor: CurrentUser,
  input: RollbackInput,
  context: RequestContext,
  hooks?: ReleaseHooks,
): Promise<DeployResult & { kind: "release" }> {
  const target = await rollbackTarget(input.releaseId, input.appId, input.environmentId);
  if (releaseAccess(actor, target.app.teamId, target.environment, "deploy") === "request")
    throw new AppError("forbidden", "Only ops or an admin may roll back a protected environment.", {
      messageKey: "releases.protectedOnly",
    });
  const release = await openRollback(target, {
    actor: { id: actor.id, email: actor.email },
    actorLabel: actor.email,
    trigger: "user",
    description: input.description || `Roll back to #${target.number}`,
    audit: { to: target.number, image: target.image },
    context,
  });
  return startRelease(release.release, release.objects, hooks);
}

// After a failed deploy in an environment that opted in: back to the last succeeded release.
export async function autoRollback(failedReleaseId: string): Promise<void> {
  const failed = await db.release.findUniqueOrThrow({ where: { id: failedReleaseId } });
  const target = await db.release.findFirst({
    include: { app: { include: { team: true } }, environment: true },
    where: {
      appId: failed.appId,
      environmentId: failed.environmentId,
      status: "succeeded",
      number: { lt: failed.number },
    },
    orderBy: { number: "desc" },
  });
  if (!target) return;
  const release = await openRollback(target, {
    actor: { system: "auto-rollback" },
    actorLabel: "auto-rollback",
    trigger: "auto-rollback",
    description: `Automatic rollback to #${target.number} after #${failed.number} failed`,
    audit: { to: target.number, image: target.image, after: failed.number, automatic: true },
  });
  await startRelease(release.release, release.objects);
}
