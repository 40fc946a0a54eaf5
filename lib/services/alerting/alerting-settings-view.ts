import "server-only";
import { maskSecret } from "@/lib/crypto/mask-secret";
import { loadAlertingSettings } from "./load-alerting-settings";

// The settings as the admin page shows them: secrets only as "set" or not.
export async function alertingSettingsView() {
  const s = await loadAlertingSettings();
  return {
    alertmanagerToken: maskSecret(Boolean(s.alertmanagerTokenDigest)),
    alertmanagerTokenSetAt: s.alertmanagerTokenSetAt?.toISOString() ?? null,
    alertmanagerUrl: s.alertmanagerUrl ?? "",
    appLabels: s.appLabels.join("\n"),
    releaseLinkMinutes: s.releaseLinkMinutes,
    timeZone: s.timeZone,
    webhookAllowList: s.webhookAllowList.join("\n"),
    wecomApiBase: s.wecomApiBase,
    wecomCorpId: s.wecomCorpId ?? "",
    wecomAgentId: s.wecomAgentId?.toString() ?? "",
    wecomSecret: maskSecret(Boolean(s.wecomSecretEncrypted)),
    smtpHost: s.smtpHost ?? "",
    smtpPort: s.smtpPort,
    smtpSecure: s.smtpSecure,
    smtpUsername: s.smtpUsername ?? "",
    smtpPassword: maskSecret(Boolean(s.smtpPasswordEncrypted)),
    smtpFrom: s.smtpFrom ?? "",
  };
}
export type AlertingSettingsView = Awaited<ReturnType<typeof alertingSettingsView>>;
