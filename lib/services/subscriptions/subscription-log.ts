import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

// A subscription's delivery log: its latest messages with every attempt and the answer it got.
// Readable by those who see the subscription (its owner; a team-wide one by its team, ops and
// admins).
export async function subscriptionLog(user: CurrentUser, id: string, limit = 100) {
  const subscription = await db.alertSubscription.findUnique({ where: { id } });
  if (!subscription) return null;
  const visible = subscription.teamId
    ? can(user.role, "subscriptions.team") || user.teamIds.includes(subscription.teamId)
    : subscription.ownerId === user.id;
  if (!visible) return null;
  const messages = await db.alertMessage.findMany({
    where: { subscriptionId: id },
    orderBy: { openedAt: "desc" },
    take: limit,
    include: {
      channel: { select: { kind: true } },
      deliveries: { orderBy: { id: "asc" } },
      _count: { select: { items: true } },
    },
  });
  return {
    name: subscription.name,
    messages: messages.map((m) => ({
      id: m.id,
      urgent: m.urgent,
      state: m.state,
      channel: m.channel.kind,
      openedAt: m.openedAt,
      items: m._count.items,
      attempts: m.deliveries.map((d) => ({
        at: d.startedAt,
        outcome: d.outcome,
        answer: d.answer as { key: string; values: Record<string, string | number> } | null,
      })),
    })),
  };
}
