import "server-only";
import { db, type Prisma } from "@/lib/db";
import { notify } from "@/lib/db/listen";
import type { LoadedMessage } from "./load-message";
import type { Answer, SendResult } from "./send-to-channel";

export const INBOX_CHANNEL = "slipway_inbox";
// Tries per message before it counts as failed; failed messages in a row before the channel is
// disabled (a bad robot key or a URL off the allow list disables it at once).
export const MAX_ATTEMPTS = 6;
export const FAILURES_BEFORE_DISABLE = 3;

export type Next = { kind: "done" } | { kind: "retry" } | { kind: "later"; seconds: number };

async function disableChannel(tx: Prisma.TransactionClient, message: LoadedMessage, reason: Answer) {
  await tx.alertChannel.update({
    where: { id: message.channel.id },
    data: { disabledAt: new Date(), disabledReason: reason as unknown as Prisma.InputJsonValue },
  });
  // Never a silent drop: the owner hears of it in the console.
  await tx.inboxItem.create({
    data: {
      userId: message.subscription.ownerId,
      kind: "channel_disabled",
      values: {
        subscriptionId: message.subscription.id,
        subscription: message.content.subscription.name,
        channel: message.channel.kind,
        reason,
      } as unknown as Prisma.InputJsonValue,
    },
  });
  await notify(tx, INBOX_CHANNEL, message.subscription.ownerId);
}

// Writes what a send came to, in one transaction: the attempt's outcome and answer, the
// message's state, the channel's failure count (disabling it, with the reason for its owner,
// when it keeps failing), and for the console channel the inbox entries themselves.
export async function recordDelivery(message: LoadedMessage, attemptId: bigint, result: SendResult): Promise<Next> {
  return db.$transaction(async (tx) => {
    const { attempts } = await tx.alertMessage.findUniqueOrThrow({ where: { id: message.content.id } });
    const gaveUp =
      result.outcome === "failed" ||
      result.outcome === "disable" ||
      (result.outcome === "retry" && attempts >= MAX_ATTEMPTS);
    await tx.alertDeliveryAttempt.update({
      where: { id: attemptId },
      data: {
        finishedAt: new Date(),
        outcome: result.outcome === "later" ? "rate_limited" : result.outcome === "sent" ? "sent" : "failed",
        answer: result.answer as unknown as Prisma.InputJsonValue,
      },
    });
    await tx.alertMessage.update({
      where: { id: message.content.id },
      data:
        result.outcome === "sent"
          ? { state: "sent", sentAt: new Date(), leaseUntil: null }
          : { state: gaveUp ? "failed" : "retrying", leaseUntil: null },
    });
    if (result.outcome === "sent") {
      await tx.alertChannel.update({ where: { id: message.channel.id }, data: { failures: 0 } });
      if (message.channel.kind === "console") {
        await tx.inboxItem.createMany({
          data: message.people.map((person) => ({
            userId: person.id,
            messageId: message.content.id,
            kind: "alerts",
            values: message.content.counts,
          })),
          skipDuplicates: true,
        });
        for (const person of message.people) await notify(tx, INBOX_CHANNEL, person.id);
      }
      return { kind: "done" };
    }
    if (gaveUp) {
      const channel = await tx.alertChannel.update({
        where: { id: message.channel.id },
        data: { failures: { increment: 1 } },
      });
      if (result.outcome === "disable" || channel.failures >= FAILURES_BEFORE_DISABLE)
        await disableChannel(tx, message, result.answer);
      return { kind: "done" };
    }
    return result.outcome === "later" ? { kind: "later", seconds: result.retryAfterSeconds ?? 60 } : { kind: "retry" };
  });
}

// A sender died between starting an attempt and recording it: the message may have arrived, so
// it is marked uncertain in the delivery log and not sent again.
export async function recordInterrupted(messageId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.alertDeliveryAttempt.updateMany({
      where: { messageId, outcome: null },
      data: { outcome: "uncertain", finishedAt: new Date(), answer: { key: "alerts.answer.uncertain", values: {} } },
    });
    await tx.alertMessage.update({ where: { id: messageId }, data: { state: "uncertain", leaseUntil: null } });
  });
}
