import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { keyedDigest, sealSecret } from "@/lib/crypto/keys";
import { db, type Prisma } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import type {
  AlertmanagerSettingsInput,
  MessageSettingsInput,
  SmtpSettingsInput,
  WecomSettingsInput,
} from "@/lib/validations/alerting-settings";

export const ALERTMANAGER_TOKEN_PURPOSE = "alertmanager-token";
export const WECOM_SECRET_PLACE = "alerting:wecom-secret";
export const SMTP_PASSWORD_PLACE = "alerting:smtp-password";

export type SettingsSection =
  | { section: "alertmanager"; input: AlertmanagerSettingsInput }
  | { section: "messages"; input: MessageSettingsInput }
  | { section: "wecom"; input: WecomSettingsInput }
  | { section: "smtp"; input: SmtpSettingsInput };

// What one section of the form changes. Secrets: a new value replaces the stored one (sealed, or
// for the Alertmanager token only its digest), an empty one keeps it.
function changes({ section, input }: SettingsSection): Prisma.AlertingSettingsUpdateInput {
  switch (section) {
    case "alertmanager":
      return {
        alertmanagerUrl: input.alertmanagerUrl ?? null,
        appLabels: input.appLabels,
        releaseLinkMinutes: input.releaseLinkMinutes,
        ...(input.token
          ? {
              alertmanagerTokenDigest: keyedDigest(input.token, ALERTMANAGER_TOKEN_PURPOSE),
              alertmanagerTokenSetAt: new Date(),
            }
          : {}),
      };
    case "messages":
      return { timeZone: input.timeZone, webhookAllowList: input.webhookAllowList };
    case "wecom":
      return {
        wecomApiBase: input.wecomApiBase.replace(/\/+$/, ""),
        wecomCorpId: input.wecomCorpId ?? null,
        wecomAgentId: input.wecomAgentId ?? null,
        ...(input.wecomSecret ? { wecomSecretEncrypted: sealSecret(input.wecomSecret, WECOM_SECRET_PLACE) } : {}),
      };
    case "smtp":
      return {
        smtpHost: input.smtpHost ?? null,
        smtpPort: input.smtpPort,
        smtpSecure: input.smtpSecure,
        smtpUsername: input.smtpUsername ?? null,
        smtpFrom: input.smtpFrom ?? null,
        ...(input.smtpPassword ? { smtpPasswordEncrypted: sealSecret(input.smtpPassword, SMTP_PASSWORD_PLACE) } : {}),
      };
  }
}

// Saves one section of alerting's settings with its audit row; secrets appear in the audit only
// as "replaced".
export async function saveAlertingSettings(
  actor: CurrentUser,
  change: SettingsSection,
  context: RequestContext,
): Promise<void> {
  const data = changes(change);
  const { token: _t, wecomSecret: _w, smtpPassword: _p, ...shown } = change.input as Record<string, unknown>;
  const replaced = ["token", "wecomSecret", "smtpPassword"].filter(
    (key) => (change.input as Record<string, unknown>)[key],
  );
  await db.$transaction(async (tx) => {
    await tx.alertingSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...(data as Prisma.AlertingSettingsCreateInput) },
      update: data,
    });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: `alerting.settings.${change.section}`,
      target: { type: "alerting_settings", id: change.section, label: change.section },
      after: { ...shown, ...(replaced.length ? { replaced } : {}) },
      context,
    });
  });
}
