import "server-only";
import { hostname } from "node:os";
import { randomBytes, randomUUID } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { db, type Tx } from "@/lib/db";
import { notify } from "@/lib/db/listen";
import { message, type StoredMessage } from "@/lib/i18n/stored-message";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { actorColumns, toJson, type Actor } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";
import type { ReleaseKind } from "@/lib/generated/prisma/enums";
import { Prisma, type Release } from "@/lib/generated/prisma/client";
import { ACTIVE_STATUSES } from "@/lib/validations/release-status";
import { postsReleaseMarkers } from "@/lib/services/grafana/posts-release-markers";
import { queueReleaseMarker } from "@/lib/services/grafana/queue-release-marker";
import { sendJob } from "@/lib/jobs/send-job";
import { sealManifest } from "./manifest-store";
import { followReleaseJob, LEASE_SECONDS } from "./release-jobs";
import { rolloutComplete } from "./release-messages";

export const RELEASE_CHANNEL = "slipway_release";
const LEASE_MS = LEASE_SECONDS * 1_000;

// Who applies a release: this process. Another process applies again a release whose lease ran out.
const PROCESS_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

export type OpenReleaseInput = {
  appId: string;
  environmentId: string;
  kind: ReleaseKind;
  image: string | null;
  // The digest the registry resolved the image to (issue 13), when known at opening.
  imageDigest?: string | null;
  parameters: Record<string, unknown>;
  objects: KubernetesObject[];
  operation?: Record<string, unknown>;
  description: string;
  // The description as a stored message, when Slipway wrote it (release-descriptions.ts).
  descriptionMessage?: StoredMessage;
  actor: Actor;
  actorLabel: string;
  trigger: "user" | "approval" | "auto-rollback" | "auto-deploy";
  approvedByLabel?: string;
  rollbackOfId?: string;
  takeOver?: boolean;
  audit: { action: string; label: string; after: Record<string, unknown>; context?: RequestContext };
  // More work in the same transaction (an approval marked as decided, say).
  alsoInTransaction?: (tx: Tx, release: { id: string; number: number }) => Promise<void>;
};

// Takes the (app, environment) lock and writes the release, applying, with its audit row, at
// once (insertRelease). A second release while one is in progress fails on the lock's primary key, in
// any Slipway process, and is answered with a 409 naming the running release and its author.
// A release whose process stops before it is applied is found by the sweep for interrupted
// releases (sweep-interrupted.ts) once its lease runs out.
export async function openRelease(input: OpenReleaseInput, attempt = 1): Promise<Release> {
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

// The lock, the release (applying, with this process's lease), its manifest, its first
// timeline entry, the audit row and the NOTIFY go to PostgreSQL as one statement: one round
// trip on the deploy's critical path, atomic on its own. Its parts see one snapshot; the
// foreign keys between them are checked at the end of the statement. With more work to do in
// the same transaction (an approval decided, replicas saved), it runs inside one.
async function insertRelease(input: OpenReleaseInput): Promise<Release> {
  const manifest = sealManifest(input.objects);
  const id = randomUUID();
  const leaseUntil = new Date(Date.now() + LEASE_MS);
  const { actorId, actorLabel } = actorColumns(input.actor);
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const created = `${input.kind} #`;
  const createdBy = ` by ${input.actorLabel}${input.description ? `: ${input.description}` : ""}`;
  // The first timeline entry as a message; its number is set by the statement.
  const createdMessage = createdEntry(input);
  const statement = Prisma.sql`
    WITH lock AS (
      INSERT INTO release_locks (app_id, environment_id, release_id)
      VALUES (${input.appId}::uuid, ${input.environmentId}::uuid, ${id}::uuid)
    ), next AS (
      SELECT COALESCE(MAX(number), 0) + 1 AS number FROM releases
      WHERE app_id = ${input.appId}::uuid AND environment_id = ${input.environmentId}::uuid
    ), manifest AS (
      INSERT INTO manifests (hash, objects, secrets_encrypted)
      VALUES (${manifest.hash}, ${manifest.objects}, ${manifest.secretsEncrypted})
      ON CONFLICT (hash) DO NOTHING
    ), release AS (
      INSERT INTO releases (id, app_id, environment_id, number, kind, status, image, image_digest, parameters, manifest_hash,
        operation, description, description_message, actor_id, actor_label, trigger, approved_by_label, rollback_of_id, take_over,
        lease_owner, lease_until, started_at, updated_at)
      SELECT ${id}::uuid, ${input.appId}::uuid, ${input.environmentId}::uuid, next.number,
        ${input.kind}::"ReleaseKind", 'applying', ${input.image}, ${input.imageDigest ?? null}, ${json(input.parameters)}::jsonb, ${manifest.hash},
        ${json(input.operation)}::jsonb, ${input.description}, ${json(input.descriptionMessage)}::jsonb, ${actorId}::uuid, ${input.actorLabel}, ${input.trigger},
        ${input.approvedByLabel ?? null}, ${input.rollbackOfId ?? null}::uuid, ${input.takeOver ?? false},
        ${PROCESS_ID}, ${leaseUntil}, now(), now()
      FROM next
      RETURNING number, created_at, started_at
    ), event AS (
      INSERT INTO release_events (release_id, source, type, reason, message, message_data)
      SELECT ${id}::uuid, 'slipway', 'Normal', 'Created', ${created} || number || ${createdBy},
        jsonb_set(${json(createdMessage)}::jsonb, '{values,number}', to_jsonb(number)) FROM release
    ), audit AS (
      INSERT INTO audit_events (actor_id, actor_label, action, target_type, target_id, target_label, after,
        request_id, ip)
      SELECT ${actorId}::uuid, ${actorLabel}, ${input.audit.action}, 'release', ${id}, ${`${input.audit.label} #`} || number,
        jsonb_build_object('number', number, 'kind', ${input.kind}::text) || ${json(toJson(input.audit.after) ?? {})}::jsonb,
        ${input.audit.context?.requestId ?? null}, ${input.audit.context?.ip ?? null}
      FROM release
    )
    SELECT number, created_at AS "createdAt", started_at AS "startedAt", pg_notify(${RELEASE_CHANNEL}, ${id})::text AS notified
    FROM release`;
  const insert = async (client: Tx | typeof db) => {
    const [row] = await client.$queryRaw<{ number: number; createdAt: Date; startedAt: Date }[]>(statement);
    if (!row) throw new Error("opening the release wrote no row");
    const release: Release = {
      id,
      appId: input.appId,
      environmentId: input.environmentId,
      number: row.number,
      kind: input.kind,
      status: "applying",
      image: input.image,
      imageDigest: input.imageDigest ?? null,
      parameters: input.parameters as Prisma.JsonValue,
      manifestHash: manifest.hash,
      operation: (input.operation ?? null) as Prisma.JsonValue,
      description: input.description,
      descriptionMessage: (input.descriptionMessage ?? null) as Prisma.JsonValue,
      actorId,
      actorLabel: input.actorLabel,
      trigger: input.trigger,
      approvedByLabel: input.approvedByLabel ?? null,
      rollbackOfId: input.rollbackOfId ?? null,
      takeOver: input.takeOver ?? false,
      applied: null,
      progress: null,
      kubeRevision: null,
      error: null,
      errorMessage: null,
      leaseOwner: PROCESS_ID,
      leaseUntil,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: null,
      updatedAt: row.startedAt,
    };
    return release;
  };
  const { alsoInTransaction } = input;
  // Grafana release marker (issue 16): where the environment posts markers, the marker's job is
  // queued in the release's own transaction; other releases keep the one-statement path.
  const marked = await postsReleaseMarkers(input.environmentId);
  if (!alsoInTransaction && !marked) return insert(db);
  return db.$transaction(async (tx) => {
    const release = await insert(tx);
    if (marked) await queueReleaseMarker(tx, release.id, input.environmentId);
    await alsoInTransaction?.(tx, release);
    return release;
  });
}

function createdEntry(input: OpenReleaseInput): StoredMessage {
  const values = { kind: message(`releases.kind.${input.kind}`), number: 0, actor: input.actorLabel };
  if (!input.description) return message("releaseText.created", values);
  return message("releaseText.createdWith", { ...values, description: input.descriptionMessage ?? input.description });
}

async function lockedError(appId: string, environmentId: string): Promise<AppError | null> {
  const lock = await db.releaseLock.findUnique({
    where: { appId_environmentId: { appId, environmentId } },
    include: { release: { select: { number: true, kind: true, actorLabel: true, status: true } } },
  });
  const running = lock?.release;
  if (!running) return null;
  return new AppError(
    "conflict",
    `Release #${running.number} (${running.kind} by ${running.actorLabel}) is ${running.status} in this environment; wait until it finishes.`,
    {
      messageKey: "releases.locked",
      values: {
        number: running.number,
        kind: message(`releases.kind.${running.kind}`),
        actor: running.actorLabel,
        status: message(`releases.status.${running.status}`),
      },
      field: "release",
    },
  );
}

export async function addReleaseEvent(
  releaseId: string,
  event: {
    source?: string;
    type?: string;
    reason: string;
    object?: string;
    message: string;
    messageData?: StoredMessage;
    at?: Date;
  },
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
        ...(event.messageData ? { messageData: event.messageData as Prisma.InputJsonValue } : {}),
        ...(event.at ? { at: event.at } : {}),
      },
    });
    await notify(tx, RELEASE_CHANNEL, releaseId);
  });
}

// The lease of a release this process is applying: another process applies it again only once
// the lease has run out.
export async function renewLease(releaseId: string): Promise<void> {
  await db.release.updateMany({
    where: { id: releaseId, status: { in: ["pending", "applying"] }, leaseOwner: PROCESS_ID },
    data: { leaseUntil: new Date(Date.now() + LEASE_MS) },
  });
}

// Claims a release whose applying process stopped (its lease ran out) for this process.
export async function claimInterrupted(releaseId: string): Promise<boolean> {
  const claimed = await db.$executeRaw`
    UPDATE releases SET lease_owner = ${PROCESS_ID}, lease_until = ${new Date(Date.now() + LEASE_MS)}
    WHERE id = ${releaseId}::uuid AND status IN ('pending', 'applying')
      AND (lease_until IS NULL OR lease_until < now())`;
  return claimed > 0;
}

// One of Slipway's timeline entries: the English text and, for the reader's language, its message.
type SlipwayEntry = { reason: string; message: string; messageData?: StoredMessage };
const entryColumns = (event: SlipwayEntry) => ({
  reason: event.reason,
  message: event.message,
  ...(event.messageData ? { messageData: event.messageData as Prisma.InputJsonValue } : {}),
});

// Status and facts of a release still in progress.
export async function updateRelease(
  releaseId: string,
  data: Prisma.ReleaseUpdateInput,
  event?: SlipwayEntry,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.release.updateMany({ where: { id: releaseId, status: { in: ACTIVE_STATUSES } }, data: data as never });
    if (event)
      await tx.releaseEvent.create({
        data: { releaseId, source: "slipway", type: "Normal", ...entryColumns(event) },
      });
    await notify(tx, RELEASE_CHANNEL, releaseId);
  });
}

// The objects are out: the release is progressing, and its rollout is queued to be followed in
// the same transaction. Only once, from applying.
export async function recordApplied(releaseId: string, applied: object, event: SlipwayEntry): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.release.updateMany({
      where: { id: releaseId, status: { in: ["pending", "applying"] } },
      data: { status: "progressing", applied: applied as Prisma.InputJsonValue, leaseOwner: null, leaseUntil: null },
    });
    if (count === 0) return;
    await tx.releaseEvent.create({
      data: { releaseId, source: "slipway", type: "Normal", ...entryColumns(event) },
    });
    await sendJob(followReleaseJob, { releaseId }, { tx });
    await notify(tx, RELEASE_CHANNEL, releaseId);
  });
}

// The follower's running record: the latest rollout state and the Kubernetes events seen, in
// one statement (one round trip: a browser sees a change that much sooner), atomic on its own,
// with its NOTIFY sent on commit. Synchronous commit is off for it: a lost write after a
// database crash is only a stale replica count, written again at the next change.
export async function recordProgress(
  releaseId: string,
  progress: object | null,
  events: { at: Date; type: string; reason: string; object: string; message: string }[],
): Promise<void> {
  const rows = events.map((event) => ({ ...event, at: event.at.toISOString() }));
  await db.$executeRaw`
    WITH config AS (
      SELECT set_config('synchronous_commit', 'off', true)
    ), progress AS (
      UPDATE releases SET progress = ${JSON.stringify(progress)}::jsonb, updated_at = now()
      WHERE id = ${releaseId}::uuid AND ${progress !== null}
        AND status::text IN (${Prisma.join(ACTIVE_STATUSES)})
    ), events AS (
      INSERT INTO release_events (release_id, source, at, type, reason, object, message)
      SELECT ${releaseId}::uuid, 'kubernetes', e.at, e.type, e.reason, e.object, e.message
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS e(at timestamptz, type text, reason text, object text, message text)
    )
    SELECT pg_notify(${RELEASE_CHANNEL}, ${releaseId}) FROM config`;
}

// Ends a release and frees the lock in one transaction; a release already ended stays as it is.
export async function finishRelease(
  releaseId: string,
  outcome: {
    status: "succeeded" | "failed" | "superseded";
    error?: string;
    // The error as a message key with values (lib/i18n/stored-message.ts), for the reader's language.
    errorMessage?: StoredMessage;
    progress?: unknown;
    kubeRevision?: number;
    imageDigest?: string;
    applied?: unknown;
  },
  // Follow-up work the end decides, queued in the same transaction (an automatic rollback).
  then?: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.release.updateMany({
      where: { id: releaseId, status: { in: ACTIVE_STATUSES } },
      data: {
        status: outcome.status,
        finishedAt: new Date(),
        error: outcome.error ?? null,
        ...(outcome.errorMessage ? { errorMessage: outcome.errorMessage as Prisma.InputJsonValue } : {}),
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
          message: outcome.error ?? rolloutComplete.message,
          messageData: (outcome.error ? outcome.errorMessage : rolloutComplete.messageData) as Prisma.InputJsonValue,
        },
      });
      // Grafana release marker (issue 16): its end, queued with the release's end.
      await queueReleaseMarker(tx, releaseId);
      await then?.(tx);
    }
    await notify(tx, RELEASE_CHANNEL, releaseId);
    return count > 0;
  });
}
