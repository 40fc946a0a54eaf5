import "server-only";
import { db } from "@/lib/db";

// How long a sender's claim holds; longer than any send takes (each call is bounded in time).
const LEASE_SECONDS = 120;
// WeCom: 20 messages a minute per robot, counted whether or not they succeed (§5).
export const ROBOT_PER_MINUTE = 20;

export type Claim =
  { kind: "claimed"; attemptId: bigint } | { kind: "done" } | { kind: "later"; at: Date } | { kind: "interrupted" };

// Takes a message that is due for sending, in one transaction: closes its digest window (later
// alerts open a new one), moves it to `sending` under a lease, takes a slot of its robot's per-minute limit,
// and opens the attempt row before any call goes out. A message already sent, or claimed by a
// live sender, is not sent again; one whose sender died after the attempt began is
// `interrupted` (it may have arrived: it is not sent twice).
export async function claimMessage(messageId: string): Promise<Claim> {
  return db.$transaction(async (tx) => {
    // NO KEY UPDATE: an ingest adding items to this window (which needs a key-share lock on the
    // message) goes on; deleting the window below waits for that ingest to commit.
    const [current] = await tx.$queryRaw<
      { state: string; dueAt: Date; leaseUntil: Date | null; keyDigest: string | null; disabled: boolean; now: Date }[]
    >`
      SELECT m.state::text, m.due_at AS "dueAt", m.lease_until AS "leaseUntil", c.key_digest AS "keyDigest",
        c.disabled_at IS NOT NULL AS disabled, now()
      FROM alert_messages m JOIN alert_channels c ON c.id = m.channel_id
      WHERE m.id = ${messageId}::uuid FOR NO KEY UPDATE OF m`;
    if (!current || ["sent", "failed", "uncertain"].includes(current.state)) return { kind: "done" };
    if (current.dueAt > current.now) return { kind: "later", at: current.dueAt };
    if (current.state === "sending" && current.leaseUntil && current.leaseUntil > current.now)
      return { kind: "later", at: current.leaseUntil };
    if (current.state === "sending") {
      const unfinished = await tx.alertDeliveryAttempt.findFirst({
        where: { messageId, outcome: null },
        orderBy: { id: "desc" },
      });
      if (unfinished) return { kind: "interrupted" };
    }
    await tx.$executeRaw`DELETE FROM alert_open_windows WHERE message_id = ${messageId}::uuid`;
    // A channel disabled since the message was opened (a refused key): logged, not sent.
    if (current.disabled) {
      await tx.alertMessage.update({ where: { id: messageId }, data: { state: "failed", leaseUntil: null } });
      await tx.alertDeliveryAttempt.create({
        data: {
          messageId,
          finishedAt: new Date(),
          outcome: "failed",
          answer: { key: "alerts.answer.channelDisabled", values: {} },
        },
      });
      return { kind: "done" };
    }
    if (current.keyDigest) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${current.keyDigest}, 0))`;
      const [window] = await tx.$queryRaw<{ count: bigint; oldest: Date | null }[]>`
        SELECT count(*) AS count, min(at) AS oldest FROM wecom_robot_sends
        WHERE key_digest = ${current.keyDigest} AND at > now() - interval '60 seconds'`;
      if (window && Number(window.count) >= ROBOT_PER_MINUTE && window.oldest) {
        await tx.alertMessage.update({ where: { id: messageId }, data: { state: "retrying", leaseUntil: null } });
        return { kind: "later", at: new Date(window.oldest.getTime() + 60_000) };
      }
      await tx.$executeRaw`DELETE FROM wecom_robot_sends WHERE key_digest = ${current.keyDigest} AND at < now() - interval '2 minutes'`;
      await tx.wecomRobotSend.create({ data: { keyDigest: current.keyDigest } });
    }
    await tx.$executeRaw`
      UPDATE alert_messages SET state = 'sending', attempts = attempts + 1, closed_at = coalesce(closed_at, now()),
        lease_until = now() + make_interval(secs => ${LEASE_SECONDS}::int)
      WHERE id = ${messageId}::uuid`;
    const attempt = await tx.alertDeliveryAttempt.create({ data: { messageId } });
    return { kind: "claimed", attemptId: attempt.id };
  });
}
