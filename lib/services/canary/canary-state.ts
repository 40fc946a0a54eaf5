import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Canary } from "@/lib/generated/prisma/client";
import type { ReleaseKind } from "@/lib/generated/prisma/enums";
import {
  CanaryError,
  canaryPlan,
  type CanaryObjectRef,
  type CanaryPlan,
  type CanaryState,
  type KubeObject,
} from "@/lib/canary/canary-objects";
import type { CanarySettings } from "@/lib/validations/canary";
import { loadManifest } from "@/lib/services/releases/manifest-store";

// Releases that change the stable app; a canary's releases (issue 14) change only its own objects
// and the route, so "what runs now" (scale, restart, rollback targets, the running tag) is the
// last of these.
export const STABLE_KINDS = ["deploy", "rollback", "scale", "restart"] as const satisfies readonly ReleaseKind[];
export const CANARY_KINDS = [
  "canary_start",
  "canary_switch",
  "canary_promote",
  "canary_abort",
] as const satisfies readonly ReleaseKind[];
export type CanaryKind = (typeof CANARY_KINDS)[number];

export function isCanaryKind(kind: string): kind is CanaryKind {
  return (CANARY_KINDS as readonly string[]).includes(kind);
}

// What a canary release does, stored on the release: the state it brings, the settings, the
// objects it deletes (its manifest holds those it applies) and, for a start, what takes a failed
// start away again.
export type CanaryOperation = {
  state: CanaryState;
  settings: CanarySettings;
  remove: CanaryObjectRef[];
  undo?: CanaryPlan;
};

export function settingsOf(canary: Canary): CanarySettings {
  return {
    image: canary.image,
    headerName: canary.headerName,
    headerValue: canary.headerValue,
    ...(canary.weight !== null ? { weight: canary.weight } : {}),
    replicas: canary.replicas,
  };
}

// The stable app as it runs (the last succeeded stable release and its objects) and its canary.
export async function loadCanaryTarget(appId: string, environmentId: string) {
  const stable = await db.release.findFirst({
    where: { appId, environmentId, status: "succeeded", kind: { in: [...STABLE_KINDS] } },
    orderBy: { number: "desc" },
    include: { app: { include: { team: true } }, environment: true },
  });
  if (!stable)
    throw new AppError("invalid_input", "Nothing is deployed in this environment yet: deploy the app first.", {
      field: "environmentId",
      messageKey: "canary.nothingDeployed",
    });
  const canary = await db.canary.findUnique({ where: { appId_environmentId: { appId, environmentId } } });
  return { stable, objects: (await loadManifest(stable.manifestHash)) as KubeObject[], canary };
}
export type CanaryTarget = Awaited<ReturnType<typeof loadCanaryTarget>>;

// A canary plan for the stable objects, its problems answered on the field they concern.
export function planFor(target: CanaryTarget, settings: CanarySettings, state: CanaryState): CanaryPlan {
  try {
    return canaryPlan(target.objects, target.stable.app.name, settings, state);
  } catch (error) {
    if (!(error instanceof CanaryError)) throw error;
    const field = error.code === "image_mismatch" ? "tag" : "environmentId";
    throw new AppError("invalid_input", error.message, {
      field,
      messageKey: `canary.problem.${error.code}`,
      values: { app: target.stable.app.name },
    });
  }
}

export function requireCanary(target: CanaryTarget): Canary {
  if (!target.canary)
    throw new AppError("not_found", "No canary runs for this app in this environment.", {
      field: "environmentId",
      messageKey: "canary.none",
    });
  return target.canary;
}

// The canary's row once its release has succeeded, in the release's own end transaction: written
// by a start, switched by a switch, deleted by an abort or a promotion.
export async function settleCanary(
  tx: Tx,
  release: { appId: string; environmentId: string; kind: CanaryKind; actorId: string | null; actorLabel: string },
  operation: CanaryOperation,
): Promise<void> {
  const where = { appId_environmentId: { appId: release.appId, environmentId: release.environmentId } };
  if (release.kind === "canary_start") {
    const { settings } = operation;
    const row = {
      image: settings.image,
      headerName: settings.headerName,
      headerValue: settings.headerValue,
      weight: settings.weight ?? null,
      replicas: settings.replicas,
      enabled: true,
      promotedBy: null,
      startedById: release.actorId,
      startedByLabel: release.actorLabel,
    };
    await tx.canary.upsert({
      where,
      create: { appId: release.appId, environmentId: release.environmentId, ...row },
      update: row,
    });
  } else if (release.kind === "canary_switch") {
    await tx.canary.updateMany({
      where: { appId: release.appId, environmentId: release.environmentId },
      data: { enabled: operation.state === "on" },
    });
  } else {
    await tx.canary.deleteMany({ where: { appId: release.appId, environmentId: release.environmentId } });
  }
}
