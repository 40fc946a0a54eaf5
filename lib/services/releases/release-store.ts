import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { db, type Prisma, type Tx } from "@/lib/db";
import { notify } from "@/lib/db/listen";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";
import type { ReleaseKind } from "@/lib/generated/prisma/enums";
import { ACTIVE_STATUSES } from "@/lib/validations/release-status";
import { storeManifest } from "./manifest-store";

export const RELEASE_CHANNEL = "slipway_release";
export const LEASE_MS = 30_000;

// Who follows a release: this process. Another process takes over a release whose lease ran out.
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

export type OpenReleaseInput = {
  appId: string;
  environmentId: string;
  kind: ReleaseKind;
  image: string | null;
  parameters: Record<string, unknown>;
  objects: KubernetesObject[];
  operation?: Record<string, unknown>;
  description: string;
  actor: Actor;
  actorLabel: string;
  trigger: "user" | "approval" | "auto-rollback";
  approvedByLabel?: string;
  rollbackOfId?: string;
  takeOver?: boolean;
  audit: { action: string; label: string; after: Record<string, unknown>; context?: RequestContext };
  // More work in the same transaction (an approval marked as decided, say).
  alsoInTransaction?: (tx: Tx, release: { id: string; number: number }) => Promise<void>;
};

// Takes the (app, environment) lock and writes the pending release with its audit row, in one
// transaction. A second release while one is in progress fails on the lock's primary key, in
// any Slipway process, and is answered with a 409 naming the running release and its author.
export async function openRelease(input: OpenReleaseInput, attempt = 1): ReturnType<typeof insertRelease> {
  try {
    return await insertRelease(input);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const locked = await lockedError(input.appId, input.environmentId);
    // The release that held the lock finished meanwhile (only the release number collided).
    if (!locked && attempt < 3) return openRelease(input, attempt + 1);
    throw locked ?? new AppError("conflict", "Another release was opened at the same moment; try again.");
  }
}

async function insertRelease(input: OpenReleaseInput) {
  return db.$transaction(async (tx) => {
    const last = await tx.release.findFirst({
      where: { appId: input.appId, environmentId: input.environmentId },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const number = (last?.number ?? 0) + 1;
    const manifestHash = await storeManifest(tx, input.objects);
    const release = await tx.release.create({
      data: {
        appId: input.appId,
        environmentId: input.environmentId,
        number,
        kind: input.kind,
        image: input.image,
        parameters: input.parameters as Prisma.InputJsonValue,
        manifestHash,
        ...(input.operation ? { operation: input.operation as Prisma.InputJsonValue } : {}),
        description: input.description,
        actorId: "id" in input.actor ? input.actor.id : null,
        actorLabel: input.actorLabel,
        trigger: input.trigger,
        approvedByLabel: input.approvedByLabel ?? null,
        rollbackOfId: input.rollbackOfId ?? null,
        takeOver: input.takeOver ?? false,
        leaseOwner: PROCESS_ID,
        leaseUntil: new Date(Date.now() + LEASE_MS),
      },
    });
    await tx.releaseLock.create({
      data: { appId: input.appId, environmentId: input.environmentId, releaseId: release.id },
    });
    await tx.releaseEvent.create({
      data: {
        releaseId: release.id,
        source: "slipway",
        type: "Normal",
        reason: "Created",
        message: `${input.kind} #${number} by ${input.actorLabel}${input.description ? `: ${input.description}` : ""}`,
      },
    });
    await input.alsoInTransaction?.(tx, release);
    await writeAudit(tx, {
      actor: input.actor,
      action: input.audit.action,
      target: { type: "release", id: release.id, label: `${input.audit.label} #${number}` },
      after: { number, kind: input.kind, ...input.audit.after },
      context: input.audit.context,
    });
    await notify(tx, RELEASE_CHANNEL, release.id);
    return release;
  });
}

async function lockedError(appId: string, environmentId: string): Promise<AppError | null> {
  const lock = await db.releaseLock.findUnique({
    where: { appId_environmentId: { appId, environmentId } },
    include: { release: { select: { number: true, kind: true, actorLabel: true, status: true } } },
  });
  const running = lock?.release;
  if (!running) return null;
  const values = { number: running.number, kind: running.kind, actor: running.actorLabel, status: running.status };
  return new AppError(
    "conflict",
    `Release #${values.number} (${values.kind} by ${values.actor}) is ${values.status} in this environment; wait until it finishes.`,
    { messageKey: "releases.locked", values, field: "release" },
  );
}

export async function addReleaseEvent(
  releaseId: string,
  event: { source?: string; type?: string; reason: string; object?: string; message: string; at?: Date },
) {
  await db.$transaction(async (tx) => {
    await tx.releaseEvent.create({
      data: {
        releaseId,
        source: event.source ?? "slipway",
        type: event.type ?? "Normal",
        reason: event.reason,
        object: event.object ?? null,
        message: event.message,
        ...(event.at ? { at: event.at } : {}),
      },
    });
    await notify(tx, RELEASE_CHANNEL, releaseId);
  });
}

// Status and facts of a release still in progress; also renews this process's lease.
export async function updateRelease(
  releaseId: string,
  data: Prisma.ReleaseUpdateInput,
  event?: { reason: string; message: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.release.updateMany({
      where: { id: releaseId, status: { in: ACTIVE_STATUSES } },
      data: { ...data, leaseOwner: PROCESS_ID, leaseUntil: new Date(Date.now() + LEASE_MS) } as never,
    });
    if (event)
      await tx.releaseEvent.create({
        data: { releaseId, source: "slipway", type: "Normal", reason: event.reason, message: event.message },
      });
    await notify(tx, RELEASE_CHANNEL, releaseId);
  });
}

// The follower's running record: the latest rollout state and the Kubernetes events seen, in
// one transaction. Synchronous commit is off for it: a lost write after a database crash is
// only a stale replica count, written again at the next change, and the browsers see changes
// sooner.
export async function recordProgress(
  releaseId: string,
  progress: object | null,
  events: { at: Date; type: string; reason: string; object: string; message: string }[],
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
    if (progress)
      await tx.release.updateMany({
        where: { id: releaseId, status: { in: ACTIVE_STATUSES } },
        data: {
          progress: progress as Prisma.InputJsonValue,
          leaseOwner: PROCESS_ID,
          leaseUntil: new Date(Date.now() + LEASE_MS),
        },
      });
    if (events.length > 0)
      await tx.releaseEvent.createMany({
        data: events.map((event) => ({ releaseId, source: "kubernetes", ...event })),
      });
    await notify(tx, RELEASE_CHANNEL, releaseId);
  });
}

// Ends a release and frees the lock in one transaction; a release already ended stays as it is.
export async function finishRelease(
  releaseId: string,
  outcome: {
    status: "succeeded" | "failed" | "superseded";
    error?: string;
    progress?: unknown;
    kubeRevision?: number;
    imageDigest?: string;
    applied?: unknown;
  },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.release.updateMany({
      where: { id: releaseId, status: { in: ACTIVE_STATUSES } },
      data: {
        status: outcome.status,
        finishedAt: new Date(),
        error: outcome.error ?? null,
        leaseOwner: null,
        leaseUntil: null,
        ...(outcome.progress !== undefined ? { progress: outcome.progress as Prisma.InputJsonValue } : {}),
        ...(outcome.applied !== undefined ? { applied: outcome.applied as Prisma.InputJsonValue } : {}),
        ...(outcome.kubeRevision !== undefined ? { kubeRevision: outcome.kubeRevision } : {}),
        ...(outcome.imageDigest ? { imageDigest: outcome.imageDigest } : {}),
      },
    });
    await tx.releaseLock.deleteMany({ where: { releaseId } });
    if (count > 0) {
      await tx.releaseEvent.create({
        data: {
          releaseId,
          source: "slipway",
          type: outcome.status === "succeeded" ? "Normal" : "Warning",
          reason: outcome.status === "succeeded" ? "Succeeded" : outcome.status === "failed" ? "Failed" : "Superseded",
          message: outcome.error ?? "Rollout complete",
        },
      });
    }
    await notify(tx, RELEASE_CHANNEL, releaseId);
    return count > 0;
  });
}
