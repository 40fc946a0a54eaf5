import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { releaseMode } from "@/lib/services/releases/release-access";
import { loadReleaseLinks } from "./load-release-links";
import { mayMute } from "./may-mute";

// One alert as its page shows it: labels, annotations, source, the release it followed with the
// rollback the reader may do (direct, as a request, or none), and every message sent for it with
// each attempt and its answer.
export async function alertView(user: CurrentUser, id: string) {
  const alert = await db.alert.findUnique({
    where: { id },
    include: {
      app: { include: { team: true } },
      environment: true,
      // Only messages of subscriptions the reader may see: theirs, their teams', or for ops and
      // admins every one (a delivery's answer can name addresses and URLs).
      items: {
        where: can(user.role, "subscriptions.team")
          ? {}
          : {
              message: {
                subscription: {
                  OR: [{ ownerId: user.id, teamId: null }, { teamId: { in: user.teamIds } }],
                },
              },
            },
        orderBy: { at: "asc" },
        include: {
          message: {
            include: {
              channel: { select: { kind: true } },
              subscription: { select: { id: true, name: true } },
              deliveries: { orderBy: { id: "asc" } },
            },
          },
        },
      },
    },
  });
  if (!alert) return null;
  const link = (await loadReleaseLinks([alert])).get(alert.id) ?? null;
  const rollbackMode =
    link?.rollbackTo && alert.app && alert.environment
      ? releaseMode(user, alert.app.teamId, alert.environment, "deploy")
      : null;
  return {
    alert: {
      id: alert.id,
      fingerprint: alert.fingerprint,
      alertname: alert.alertname,
      severity: alert.severity,
      status: alert.status,
      labels: alert.labels as Record<string, string>,
      annotations: alert.annotations as Record<string, string>,
      startsAt: alert.startsAt,
      endsAt: alert.endsAt,
      generatorUrl: alert.generatorUrl,
      app: alert.app ? { id: alert.app.id, name: alert.app.name, team: alert.app.team.name } : null,
      environment: alert.environment ? { name: alert.environment.name, protected: alert.environment.protected } : null,
      mutedUntil: alert.mutedUntil && alert.mutedUntil > new Date() ? alert.mutedUntil : null,
      mutedByLabel: alert.mutedByLabel,
    },
    link,
    rollbackMode,
    mayMute: mayMute(user, alert.app?.teamId ?? null),
    deliveries: alert.items.map(({ event, message }) => ({
      messageId: message.id,
      event,
      urgent: message.urgent,
      state: message.state,
      channel: message.channel.kind,
      subscription: message.subscription,
      attempts: message.deliveries.map((d) => ({
        at: d.startedAt,
        outcome: d.outcome,
        answer: d.answer as { key: string; values: Record<string, string | number> } | null,
      })),
    })),
  };
}
export type AlertView = NonNullable<Awaited<ReturnType<typeof alertView>>>;
