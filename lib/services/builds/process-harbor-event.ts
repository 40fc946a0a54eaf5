import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Prisma } from "@/lib/db";
import { scanSummary } from "@/lib/integrations/harbor/harbor-client";
import { isDigestTag, type ScanSummary } from "@/lib/integrations/registry/registry-access";
import type { StoredMessage } from "@/lib/services/integrations/check-integration";
import { appsOfRepository } from "./apps-of-repository";
import { autoDeploy } from "./auto-deploy";

// How long one process may hold an event before another takes it over.
const CLAIM_MS = 60_000;

type Event = Awaited<ReturnType<typeof db.buildEvent.findUniqueOrThrow>>;
type Result = { status: "processed" | "ignored" | "failed"; reason?: Omit<StoredMessage, "message"> } | "retry";

export class EventBusyError extends Error {}

// The work for one stored Harbor event, idempotent: run by the job queue (and at once after the
// answer, so a push deploys within a second), by any process, as often as it takes. An event
// another process is working on is left to it (EventBusyError: the job tries again later).
export async function processHarborEvent(eventId: string): Promise<"done" | "retry"> {
  const now = new Date();
  const claimed = await db.buildEvent.updateMany({
    where: {
      id: eventId,
      OR: [{ status: "received" }, { status: "processing", claimedUntil: { lt: now } }],
    },
    data: { status: "processing", claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  const event = await db.buildEvent.findUnique({ where: { id: eventId } });
  if (!event) return "done";
  if (claimed.count === 0) {
    if (event.status === "processing") throw new EventBusyError(`event ${eventId} is being processed elsewhere`);
    return "done";
  }
  let result: Result;
  try {
    result = await handle(event);
  } catch (error) {
    await db.buildEvent.update({ where: { id: eventId }, data: { status: "received", claimedUntil: null } });
    throw error;
  }
  // Given back, saying why, for the job to take up again later.
  if (result === "retry") {
    await db.buildEvent.update({
      where: { id: eventId },
      data: { status: "received", claimedUntil: null, reason: "builds.event.retrying", reasonValues: {} },
    });
    return "retry";
  }
  await db.buildEvent.update({
    where: { id: eventId },
    data: {
      status: result.status,
      reason: result.reason?.key ?? null,
      reasonValues: (result.reason?.values ?? undefined) as Prisma.InputJsonValue | undefined,
      claimedUntil: null,
      processedAt: new Date(),
    },
  });
  return "done";
}

async function handle(event: Event): Promise<Result> {
  if (event.type === "SCANNING_COMPLETED") return recordScan(event);
  if (event.type === "DELETE_ARTIFACT") {
    await recordDelete(event);
    return { status: "processed" };
  }
  // Harbor fires a push for every manifest: a push by digest and the children of a multi-arch
  // index carry the digest as their tag.
  if (!event.tag || isDigestTag(event.tag))
    return { status: "ignored", reason: { key: "builds.event.digestTag", values: {} } };
  const apps = await appsOfRepository(event.repository);
  if (apps.length === 0)
    return {
      status: "ignored",
      reason: { key: "builds.event.unknownRepository", values: { repository: event.repository } },
    };
  if (!(await recordTag(event, event.tag)))
    return { status: "processed", reason: { key: "builds.event.knownTag", values: { tag: event.tag } } };
  const outcome = await autoDeploy(
    { id: event.id, registryId: event.registryId, tag: event.tag, digest: event.digest, operator: event.operator },
    apps,
  );
  if (outcome.retry) return "retry";
  const [failure] = outcome.failures;
  if (failure) return { status: "failed", reason: { key: failure.key, values: failure.values } };
  return outcome.deployed > 0
    ? { status: "processed", reason: { key: "builds.event.deployed", values: { count: outcome.deployed } } }
    : { status: "processed" };
}

// The (repository, digest, tag) the push names, recorded once: true when this event is the one
// that recorded it (or brought it back after a delete), so it is a new tag.
async function recordTag(event: Event, tag: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ eventId: string }[]>`
    INSERT INTO image_tags (id, registry_id, repository, tag, digest, pushed_at, pushed_by, event_id)
    VALUES (${randomUUID()}::uuid, ${event.registryId}::uuid, ${event.repository}, ${tag}, ${event.digest},
      ${event.occurredAt}, ${event.operator}, ${event.id}::uuid)
    ON CONFLICT (registry_id, repository, digest, tag) DO UPDATE
      SET deleted_at = NULL, pushed_at = EXCLUDED.pushed_at, pushed_by = EXCLUDED.pushed_by, event_id = EXCLUDED.event_id
      WHERE image_tags.deleted_at IS NOT NULL
    RETURNING event_id::text AS "eventId"`;
  if (row) return true;
  // Recorded already: by this very event on an earlier attempt, or by an earlier push.
  const existing = await db.imageTag.findUnique({
    where: {
      registryId_repository_digest_tag: {
        registryId: event.registryId,
        repository: event.repository,
        digest: event.digest,
        tag,
      },
    },
    select: { eventId: true },
  });
  return existing?.eventId === event.id;
}

// The artifact is gone with all its tags: every recorded tag of the digest is marked deleted,
// and the one the event names is recorded deleted even if its push never reached Slipway.
async function recordDelete(event: Event): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.imageTag.updateMany({
      where: { registryId: event.registryId, repository: event.repository, digest: event.digest, deletedAt: null },
      data: { deletedAt: event.occurredAt },
    });
    await tx.$executeRaw`
      INSERT INTO image_tags (id, registry_id, repository, tag, digest, pushed_at, pushed_by, event_id, deleted_at)
      VALUES (${randomUUID()}::uuid, ${event.registryId}::uuid, ${event.repository}, ${event.tag ?? event.digest},
        ${event.digest}, ${event.occurredAt}, ${event.operator}, ${event.id}::uuid, ${event.occurredAt})
      ON CONFLICT (registry_id, repository, digest, tag) DO NOTHING`;
  });
}

async function recordScan(event: Event): Promise<Result> {
  const payload = event.payload as { event_data?: unknown; data?: unknown };
  const scan = scanOf(payload);
  if (!scan) return { status: "ignored", reason: { key: "builds.event.noScan", values: {} } };
  const data = {
    status: scan.status,
    severity: scan.severity,
    critical: scan.critical,
    high: scan.high,
    total: scan.total,
    scanner: scan.scanner,
    scannedAt: event.occurredAt,
  };
  await db.imageScan.upsert({
    where: { digest: event.digest },
    create: { digest: event.digest, ...data },
    update: data,
  });
  return { status: "processed" };
}

function scanOf(payload: { event_data?: unknown; data?: unknown }): ScanSummary | null {
  const data = (payload.event_data ?? payload.data ?? payload) as {
    resources?: { scan_overview?: Record<string, unknown> }[];
  };
  return scanSummary(data.resources?.[0]?.scan_overview);
}
