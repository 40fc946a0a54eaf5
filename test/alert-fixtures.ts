// Alerting set up through the real services: settings pointing at the loopback peers, a team
// with an app in an environment whose namespaces are "{team}-{env}", and subscriptions.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { saveAlertingSettings } from "@/lib/services/alerting/save-alerting-settings";
import { saveSubscription } from "@/lib/services/subscriptions/save-subscription";
import { ZSubscriptionSchema } from "@/lib/validations/subscription";
import {
  ZAlertmanagerSettingsSchema,
  ZMessageSettingsSchema,
  ZSmtpSettingsSchema,
  ZWecomSettingsSchema,
} from "@/lib/validations/alerting-settings";
import { context } from "./factories";

export const ALERT_TOKEN = "test-alertmanager-token-0123456789";

export async function configureAlerting(
  admin: CurrentUser,
  peers: { wecomApiBase?: string; alertmanagerUrl?: string; smtpPort?: number; webhookPrefix?: string } = {},
) {
  await saveAlertingSettings(
    admin,
    {
      section: "alertmanager",
      input: ZAlertmanagerSettingsSchema.parse({
        token: ALERT_TOKEN,
        alertmanagerUrl: peers.alertmanagerUrl ?? "",
        appLabels: "app.kubernetes.io/instance\napp\nservice",
        releaseLinkMinutes: 30,
      }),
    },
    context,
  );
  await saveAlertingSettings(
    admin,
    {
      section: "messages",
      input: ZMessageSettingsSchema.parse({ timeZone: "Asia/Shanghai", webhookAllowList: peers.webhookPrefix ?? "" }),
    },
    context,
  );
  await saveAlertingSettings(
    admin,
    {
      section: "wecom",
      input: ZWecomSettingsSchema.parse({
        wecomApiBase: peers.wecomApiBase ?? "http://127.0.0.1:9",
        wecomCorpId: "ww-test-corp",
        wecomAgentId: "1000002",
        wecomSecret: "test-app-secret",
      }),
    },
    context,
  );
  if (peers.smtpPort)
    await saveAlertingSettings(
      admin,
      {
        section: "smtp",
        input: ZSmtpSettingsSchema.parse({
          smtpHost: "127.0.0.1",
          smtpPort: peers.smtpPort,
          smtpSecure: false,
          smtpUsername: "slipway",
          smtpPassword: "smtp-password",
          smtpFrom: "alerts@slipway.test",
        }),
      },
      context,
    );
}

// A robot key no other test uses (the sink counts per key).
export function robotKey(): string {
  return `key-${randomBytes(8).toString("hex")}`;
}

export async function subscribe(owner: CurrentUser, fields: Record<string, unknown>, windowSeconds?: number) {
  const saved = await saveSubscription(
    owner,
    ZSubscriptionSchema.parse({ name: `sub-${randomBytes(3).toString("hex")}`, locale: "en", ...fields }),
    context,
  );
  if (windowSeconds !== undefined)
    await db.alertSubscription.update({ where: { id: saved.id }, data: { windowSeconds } });
  return saved;
}
