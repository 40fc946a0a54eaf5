import "server-only";
import type { ChannelConfig } from "@/lib/alerts/channel-config";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { maskSecret } from "@/lib/crypto/mask-secret";
import { db } from "@/lib/db";

// The subscriptions a person sees: their own, the team-wide ones of their teams, and for ops and
// admins every team-wide one (which they manage). Secrets only as "set"; mentions as e-mails.
export async function listSubscriptions(user: CurrentUser) {
  const rows = await db.alertSubscription.findMany({
    where: {
      OR: [
        { ownerId: user.id, teamId: null },
        can(user.role, "subscriptions.team") ? { teamId: { not: null } } : { teamId: { in: user.teamIds } },
      ],
    },
    orderBy: [{ createdAt: "asc" }],
    include: { team: { select: { name: true } }, channels: { orderBy: { createdAt: "asc" } } },
  });
  const mentioned = rows.flatMap((r) => r.channels.flatMap((c) => (c.config as ChannelConfig).mentionUserIds ?? []));
  const emails = new Map(
    (await db.user.findMany({ where: { id: { in: mentioned } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    teamId: row.teamId,
    team: row.team?.name ?? null,
    mayEdit: row.teamId ? can(user.role, "subscriptions.team") : row.ownerId === user.id,
    appIds: row.appIds,
    filterTeamId: row.filterTeamId,
    environmentIds: row.environmentIds,
    minSeverity: row.minSeverity,
    alertnames: row.alertnames,
    matchers: row.matchers,
    windowMinutes: Math.max(1, Math.round(row.windowSeconds / 60)),
    locale: row.locale,
    channels: row.channels.map((channel) => {
      const config = channel.config as ChannelConfig;
      return {
        id: channel.id,
        kind: channel.kind,
        url: config.url ?? "",
        addresses: (config.addresses ?? []).join("\n"),
        mentions: (config.mentionUserIds ?? [])
          .map((id) => emails.get(id) ?? "")
          .filter(Boolean)
          .join("\n"),
        secret: maskSecret(Boolean(channel.secretEncrypted)),
        disabledReason: channel.disabledAt
          ? ((channel.disabledReason as { key: string; values: Record<string, string | number> } | null) ?? {
              key: "alerts.answer.http",
              values: {},
            })
          : null,
      };
    }),
  }));
}
export type SubscriptionView = Awaited<ReturnType<typeof listSubscriptions>>[number];
