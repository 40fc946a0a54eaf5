import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { channelSecretPlace, isAllowedUrl, type ChannelConfig } from "@/lib/alerts/channel-config";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { keyedDigest, sealSecret } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { loadAlertingSettings } from "@/lib/services/alerting/load-alerting-settings";
import type { ChannelInput, SubscriptionInput } from "@/lib/validations/subscription";
import { assertSubscriptionAccess } from "./subscription-access";

export const ROBOT_KEY_PURPOSE = "wecom-robot-key";

type ChannelRow = { id: string; kind: string; config: ChannelConfig; secret?: string; keyDigest?: string | null };

function fieldError(field: string, messageKey: string, values: Record<string, string | number> = {}): AppError {
  return new AppError("invalid_input", `${field}: ${messageKey}`, { field, messageKey, values });
}

async function checkReferences(input: SubscriptionInput): Promise<void> {
  const [apps, teams, environments] = await Promise.all([
    db.app.count({ where: { id: { in: input.appIds } } }),
    db.team.count({ where: { id: { in: [input.teamId, input.filterTeamId].filter((id): id is string => !!id) } } }),
    db.environment.count({ where: { id: { in: input.environmentIds } } }),
  ]);
  if (apps !== new Set(input.appIds).size) throw fieldError("appIds", "validation.invalid");
  if (environments !== new Set(input.environmentIds).size) throw fieldError("environmentIds", "validation.invalid");
  if (teams !== new Set([input.teamId, input.filterTeamId].filter(Boolean)).size)
    throw fieldError(input.teamId ? "teamId" : "filterTeamId", "validation.unknownTeam");
}

// The rows a channel list becomes: new secrets generated or sealed, kept ones left as they are,
// every target checked (the allow list, known people to mention). Returns the webhook secrets
// generated now, shown once.
async function channelRows(
  input: ChannelInput[],
  existing: Map<string, { kind: string }>,
  allowList: string[],
): Promise<{ rows: ChannelRow[]; secrets: { index: number; secret: string }[] }> {
  const rows: ChannelRow[] = [];
  const secrets: { index: number; secret: string }[] = [];
  for (const [index, channel] of input.entries()) {
    const kept = channel.id && existing.get(channel.id)?.kind === channel.kind ? channel.id : undefined;
    const id = kept ?? randomUUID();
    const row: ChannelRow = { id, kind: channel.kind, config: {} };
    if (channel.kind === "wecom_robot") {
      if (!channel.key && !kept) throw fieldError(`channels.${index}.key`, "alerts.channelEmpty");
      const people = channel.mentions.length
        ? await db.user.findMany({ where: { email: { in: channel.mentions } }, select: { id: true, email: true } })
        : [];
      const unknown = channel.mentions.filter((email) => !people.some((p) => p.email === email));
      if (unknown.length)
        throw fieldError(`channels.${index}.mentions`, "alerts.unknownPeople", { emails: unknown.join(", ") });
      row.config = { mentionUserIds: people.map((p) => p.id) };
      if (channel.key) {
        row.secret = channel.key;
        row.keyDigest = keyedDigest(channel.key, ROBOT_KEY_PURPOSE);
      }
    } else if (channel.kind === "webhook") {
      if (!channel.url) throw fieldError(`channels.${index}.url`, "alerts.channelEmpty");
      if (!isAllowedUrl(channel.url, allowList)) throw fieldError(`channels.${index}.url`, "alerts.urlNotAllowed");
      row.config = { url: channel.url };
      if (!kept) {
        row.secret = randomBytes(24).toString("base64url");
        secrets.push({ index, secret: row.secret });
      }
    } else if (channel.kind === "email") {
      row.config = { addresses: channel.addresses };
    }
    rows.push(row);
  }
  return { rows, secrets };
}

// Creates or edits a subscription and its channels, with the audit row (targets, never
// secrets). Editing a channel turns it back on: that is how its owner fixes a disabled one.
export async function saveSubscription(
  actor: CurrentUser,
  input: SubscriptionInput,
  context: RequestContext,
): Promise<{ id: string; webhookSecrets: { index: number; secret: string }[] }> {
  const existing = input.id
    ? await db.alertSubscription.findUnique({ where: { id: input.id }, include: { channels: true } })
    : null;
  if (input.id && !existing)
    throw new AppError("not_found", "Unknown subscription.", {
      field: "id",
      messageKey: "alerts.subscriptionNotFound",
    });
  if (existing) assertSubscriptionAccess(actor, existing);
  assertSubscriptionAccess(actor, { ownerId: existing?.ownerId ?? actor.id, teamId: input.teamId ?? null });
  await checkReferences(input);
  const settings = await loadAlertingSettings();
  const { rows, secrets } = await channelRows(
    input.channels,
    new Map((existing?.channels ?? []).map((c) => [c.id, c])),
    settings.webhookAllowList,
  );
  const id = existing?.id ?? randomUUID();
  const data = {
    name: input.name,
    teamId: input.teamId ?? null,
    appIds: input.appIds,
    filterTeamId: input.filterTeamId ?? null,
    environmentIds: input.environmentIds,
    minSeverity: input.minSeverity,
    alertnames: input.alertnames,
    matchers: input.matchers,
    windowSeconds: input.windowMinutes * 60,
    locale: input.locale,
  };
  await db.$transaction(async (tx) => {
    if (existing) await tx.alertSubscription.update({ where: { id }, data });
    else await tx.alertSubscription.create({ data: { id, ownerId: actor.id, ...data } });
    await tx.alertChannel.deleteMany({ where: { subscriptionId: id, id: { notIn: rows.map((r) => r.id) } } });
    for (const row of rows) {
      const fields = {
        config: row.config as Prisma.InputJsonValue,
        failures: 0,
        disabledAt: null,
        disabledReason: Prisma.DbNull,
        ...(row.secret ? { secretEncrypted: sealSecret(row.secret, channelSecretPlace(row.id)) } : {}),
        ...(row.keyDigest ? { keyDigest: row.keyDigest } : {}),
      };
      await tx.alertChannel.upsert({
        where: { id: row.id },
        create: { id: row.id, subscriptionId: id, kind: row.kind as ChannelInput["kind"], ...fields },
        update: fields,
      });
    }
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: existing ? "subscription.update" : "subscription.create",
      target: { type: "alert_subscription", id, label: input.name },
      before: existing
        ? { name: existing.name, teamId: existing.teamId, channels: existing.channels.map((c) => c.kind) }
        : undefined,
      after: { ...data, channels: rows.map((r) => ({ kind: r.kind, ...r.config })) },
      context,
    });
  });
  return { id, webhookSecrets: secrets };
}
