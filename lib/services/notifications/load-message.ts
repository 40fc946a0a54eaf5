import "server-only";
import { alertUrl } from "@/lib/alerts/alert-url";
import type { MessageContent } from "@/lib/alerts/message-content";
import { db } from "@/lib/db";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { loadReleaseLinks } from "@/lib/services/alerts/load-release-links";

// `timeZone`: the one they chose in their profile (null: the alerting settings' zone).
export type Person = { id: string; email: string; locale: Locale; timeZone: string | null; wecomUserId: string | null };

// Everything a delivery needs: the message's alerts (with the release each followed), its
// channel, and the people it is for (the owner of a personal subscription, a team's members).
export async function loadMessage(messageId: string) {
  const message = await db.alertMessage.findUniqueOrThrow({
    where: { id: messageId },
    include: {
      channel: true,
      subscription: {
        include: {
          owner: true,
          team: { include: { memberships: { include: { user: true } } } },
        },
      },
      items: {
        orderBy: [{ at: "asc" }],
        include: { alert: { include: { app: { include: { team: true } }, environment: true } } },
      },
    },
  });
  const { subscription } = message;
  const locale: Locale = isLocale(subscription.locale) ? subscription.locale : "zh-CN";
  const person = (user: {
    id: string;
    email: string;
    locale: string | null;
    timeZone: string | null;
    wecomUserId: string | null;
    disabledAt: Date | null;
  }) =>
    user.disabledAt
      ? []
      : [
          {
            id: user.id,
            email: user.email,
            locale: isLocale(user.locale) ? user.locale : locale,
            timeZone: user.timeZone,
            wecomUserId: user.wecomUserId,
          },
        ];
  const people: Person[] = subscription.team
    ? subscription.team.memberships.flatMap((m) => person(m.user))
    : person(subscription.owner);
  const links = await loadReleaseLinks(message.items.map((item) => item.alert));
  const alerts = message.items.map(({ alert, event }) => ({
    id: alert.id,
    event,
    alertname: alert.alertname,
    severity: alert.severity,
    labels: alert.labels as Record<string, string>,
    annotations: alert.annotations as Record<string, string>,
    summary:
      (alert.annotations as Record<string, string>).summary ??
      (alert.annotations as Record<string, string>).description ??
      "",
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    generatorUrl: alert.generatorUrl,
    app: alert.app ? { id: alert.app.id, name: alert.app.name, team: alert.app.team.name } : null,
    environment: alert.environment?.name ?? null,
    link: links.get(alert.id) ?? null,
    url: alertUrl(alert.id),
  }));
  const content: MessageContent = {
    id: message.id,
    urgent: message.urgent,
    openedAt: message.openedAt,
    closedAt: message.closedAt ?? new Date(),
    subscription: { id: subscription.id, name: subscription.name },
    alerts,
    counts: {
      firing: alerts.filter((a) => a.event === "firing").length,
      resolved: alerts.filter((a) => a.event === "resolved").length,
    },
  };
  return {
    content,
    channel: message.channel,
    // Shared channels (a robot, a webhook) read in the subscription's language and its owner's zone.
    subscription: {
      id: subscription.id,
      ownerId: subscription.ownerId,
      teamId: subscription.teamId,
      locale,
      timeZone: subscription.owner?.timeZone ?? null,
    },
    people,
  };
}
export type LoadedMessage = Awaited<ReturnType<typeof loadMessage>>;
