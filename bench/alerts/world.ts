// What the alerts bench needs in its database, written through Slipway's own services: the
// alerting settings (token, WeCom API on the loopback sink), team "benchalerts" with app "cart"
// in environment dev, a digest subscription that takes the warnings, and one subscription per
// latency sample with a robot of its own.
import { randomBytes } from "node:crypto";
import { saveAlertingSettings } from "@/lib/services/alerting/save-alerting-settings";
import { saveSubscription } from "@/lib/services/subscriptions/save-subscription";
import { ZAlertmanagerSettingsSchema, ZWecomSettingsSchema } from "@/lib/validations/alerting-settings";
import { ZSubscriptionSchema } from "@/lib/validations/subscription";
import { adminUser, createWebServiceApp } from "../deploy/world";

export const TOKEN = "bench-alertmanager-token-0123456789";
const context = { requestId: "bench-alerts", ip: "127.0.0.1" };

export type AlertsWorld = { namespace: string; app: string; robotKeys: string[] };

export async function setUpAlerting(wecomApiBase: string, samples: number): Promise<AlertsWorld> {
  const admin = await adminUser();
  await saveAlertingSettings(
    admin,
    {
      section: "alertmanager",
      input: ZAlertmanagerSettingsSchema.parse({ token: TOKEN, appLabels: "app", releaseLinkMinutes: 30 }),
    },
    context,
  );
  await saveAlertingSettings(admin, { section: "wecom", input: ZWecomSettingsSchema.parse({ wecomApiBase }) }, context);
  const app = await createWebServiceApp(admin, {
    team: "benchalerts",
    displayName: "Alerts benchmark",
    app: "cart",
    repository: "harbor.example.com/bench/cart",
  });
  await saveSubscription(
    admin,
    ZSubscriptionSchema.parse({
      name: "digest",
      appIds: [app.id],
      minSeverity: "warning",
      channels: [{ kind: "console" }],
    }),
    context,
  );
  const robotKeys: string[] = [];
  for (let i = 0; i < samples; i++) {
    const key = `bench-${randomBytes(8).toString("hex")}`;
    robotKeys.push(key);
    await saveSubscription(
      admin,
      ZSubscriptionSchema.parse({
        name: `urgent ${i}`,
        appIds: [app.id],
        alertnames: `BenchDown${i}`,
        minSeverity: "high",
        channels: [{ kind: "wecom_robot", key }],
      }),
      context,
    );
  }
  return { namespace: "benchalerts-dev", app: "cart", robotKeys };
}
