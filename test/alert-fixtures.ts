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
import { POST } from "@/app/api/webhooks/alertmanager/route";
import { context } from "./factories";
import type { makeReleaseWorld } from "./release-fixtures";
import { startAlertmanager, type Alertmanager } from "./support/alertmanager";
import { serveRoute } from "./support/route-server";

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

// An app of the world's team in a new environment, named as alerts name it: the app label and
// the "{team}-{env}" namespace.
export async function alertedApp(world: Awaited<ReturnType<typeof makeReleaseWorld>>, environment: string) {
  const env = await world.environment(environment);
  const appName = `${environment}${world.suffix}`;
  const appId = (await world.app(appName)).id;
  return { environmentId: env.id, appName, appId, namespace: `${world.team.name}-${env.name}` };
}

// Slipway's webhook route on loopback with a real Alertmanager posting to it.
export async function alertmanagerIntoSlipway(): Promise<{
  route: Awaited<ReturnType<typeof serveRoute>>;
  alertmanager: Alertmanager;
  stop(): Promise<void>;
}> {
  const route = await serveRoute(POST);
  const alertmanager = await startAlertmanager({
    webhookUrl: `${route.url}/api/webhooks/alertmanager`,
    token: ALERT_TOKEN,
  });
  return {
    route,
    alertmanager,
    async stop() {
      await alertmanager.stop();
      await route.close();
    },
  };
}
