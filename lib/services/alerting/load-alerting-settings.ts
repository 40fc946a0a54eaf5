import "server-only";
import { db } from "@/lib/db";
import type { AlertingSettings } from "@/lib/generated/prisma/client";

// Alerting's settings row; the defaults until an admin saves the first time.
export async function loadAlertingSettings(): Promise<AlertingSettings> {
  return (
    (await db.alertingSettings.findUnique({ where: { id: 1 } })) ?? {
      id: 1,
      alertmanagerTokenDigest: null,
      alertmanagerTokenSetAt: null,
      alertmanagerUrl: null,
      appLabels: ["app.kubernetes.io/instance", "app", "service"],
      releaseLinkMinutes: 30,
      timeZone: "Asia/Shanghai",
      webhookAllowList: [],
      wecomApiBase: "https://qyapi.weixin.qq.com",
      wecomCorpId: null,
      wecomAgentId: null,
      wecomSecretEncrypted: null,
      smtpHost: null,
      smtpPort: 587,
      smtpSecure: false,
      smtpUsername: null,
      smtpPasswordEncrypted: null,
      smtpFrom: null,
      updatedAt: new Date(0),
    }
  );
}
