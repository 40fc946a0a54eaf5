import "server-only";
import { createHash } from "node:crypto";
import { harborEventJob, HARBOR_EVENT_BACKSTOP_SECONDS } from "@/lib/builds/jobs";
import { db } from "@/lib/db";
import { sendJob } from "@/lib/jobs/send-job";
import { AppError, isForeignKeyViolation } from "@/lib/errors";
import { parseHarborEvent } from "@/lib/integrations/harbor/webhook-payload";
import type { RequestContext } from "@/lib/request-context";
import { authenticateWebhook } from "./authenticate-webhook";

export type ReceivedWebhook = { eventId: string; duplicate: boolean };

// Harbor's delivery, stored before it is answered (Harbor waits 3 s): the secret checked in
// constant time before the body is read, the body validated, the event written once per
// distinct body (a redelivery sends the same bytes and meets the first), with its job. The work
// is done by processHarborEvent.
export async function receiveHarborWebhook(
  integrationId: string,
  delivery: { authorization: string | null; headers: Headers; body: () => Promise<{ raw: Buffer; json: unknown }> },
  context: RequestContext,
): Promise<ReceivedWebhook> {
  const registry = await authenticateWebhook("harbor", integrationId, delivery.authorization, context);
  const { raw, json } = await delivery.body();
  const parsed = parseHarborEvent(json, delivery.headers);
  if (!parsed.ok) throw new AppError("invalid_input", `${parsed.field}: ${parsed.problem}`, { field: parsed.field });
  const { event } = parsed;
  const bodyHash = createHash("sha256").update(raw).digest("hex");
  // The event and the job that works on it commit together.
  const inserted = await db
    .$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO build_events (id, registry_id, type, format, body_hash, repository, tag, digest, operator, occurred_at, payload)
      VALUES (gen_random_uuid(), ${registry.id}::uuid, ${event.type}, ${event.format}, ${bodyHash}, ${event.repository},
        ${event.tag}, ${event.digest}, ${event.operator}, ${event.occurredAt}, ${JSON.stringify(json)}::jsonb)
      ON CONFLICT (registry_id, body_hash) DO NOTHING
      RETURNING id::text`;
      if (row)
        await sendJob(
          harborEventJob,
          { eventId: row.id },
          { tx, singletonKey: row.id, startAfter: HARBOR_EVENT_BACKSTOP_SECONDS },
        );
      return row;
    })
    .catch((error: unknown) => {
      // The registry was deleted while this delivery was read: as if it had arrived after.
      if (isForeignKeyViolation(error)) throw new AppError("not_found", `No registry ${integrationId}.`);
      throw error;
    });
  if (inserted) return { eventId: inserted.id, duplicate: false };
  const first = await db.buildEvent.findUniqueOrThrow({
    where: { registryId_bodyHash: { registryId: registry.id, bodyHash } },
    select: { id: true },
  });
  return { eventId: first.id, duplicate: true };
}
