import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { assertSubscriptionAccess } from "./subscription-access";

// Deletes a subscription with its channels, messages and delivery log.
export async function deleteSubscription(actor: CurrentUser, id: string, context: RequestContext): Promise<void> {
  const existing = await db.alertSubscription.findUnique({ where: { id }, include: { channels: true } });
  if (!existing)
    throw new AppError("not_found", "Unknown subscription.", {
      field: "id",
      messageKey: "alerts.subscriptionNotFound",
    });
  assertSubscriptionAccess(actor, existing);
  await db.$transaction(async (tx) => {
    await tx.alertSubscription.delete({ where: { id } });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "subscription.delete",
      target: { type: "alert_subscription", id, label: existing.name },
      before: { name: existing.name, teamId: existing.teamId, channels: existing.channels.map((c) => c.kind) },
      context,
    });
  });
}
