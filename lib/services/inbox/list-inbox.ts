import "server-only";
import { db } from "@/lib/db";

// A person's inbox, newest first: message entries with the alerts they carried, and notices
// about their subscriptions. Only ever the reader's own entries.
export async function listInbox(userId: string, limit = 100) {
  const items = await db.inboxItem.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: {
      message: {
        include: {
          subscription: { select: { name: true } },
          items: {
            orderBy: { at: "asc" },
            include: {
              alert: {
                select: {
                  id: true,
                  alertname: true,
                  severity: true,
                  app: { select: { name: true, team: { select: { name: true } } } },
                  environment: { select: { name: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    values: item.values as Record<string, unknown>,
    createdAt: item.createdAt,
    unread: item.readAt === null,
    subscription: item.message?.subscription.name ?? null,
    alerts: (item.message?.items ?? []).map(({ event, alert }) => ({
      id: alert.id,
      event,
      alertname: alert.alertname,
      severity: alert.severity,
      where: [alert.app ? `${alert.app.team.name}/${alert.app.name}` : null, alert.environment?.name]
        .filter(Boolean)
        .join(" · "),
    })),
  }));
}
