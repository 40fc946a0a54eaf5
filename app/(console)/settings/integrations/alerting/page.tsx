import { SettingsSectionForm } from "@/components/alerting/settings-section-form";
import { Card, PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { requirePageUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/clock";
import { getI18n } from "@/lib/i18n/server";
import { alertingSettingsView } from "@/lib/services/alerting/alerting-settings-view";
import {
  saveAlertmanagerSettingsAction,
  saveMessageSettingsAction,
  saveSmtpSettingsAction,
  saveWecomSettingsAction,
} from "./actions";

// Alerting's part of Settings → Integrations: its own route and tables, beside the registries and
// Jenkins (/settings/integrations).
export default async function AlertingSettingsPage() {
  await requirePageUser("integrations.manage");
  const { t, clock } = await getI18n();
  const s = await alertingSettingsView();
  const kept = (mask: string | null) => (mask ? t("integrations.secretSet", { mask }) : undefined);
  const webhookUrl = `${(env.NEXTAUTH_URL ?? "").replace(/\/+$/, "")}/api/webhooks/alertmanager`;
  const when = s.alertmanagerTokenSetAt ? formatDateTime(s.alertmanagerTokenSetAt, clock) : null;
  return (
    <>
      <PageHeader
        title={t("integrations.alerting")}
        subtitle={t("integrations.alertingHint")}
        actions={<BackLink href="/settings" label={t("common.back")} />}
      />
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Card
          title={t("integrations.alertmanager")}
          description={t("integrations.alertmanagerHint", { url: webhookUrl })}
        >
          <SettingsSectionForm
            id="am"
            save={saveAlertmanagerSettingsAction}
            fields={[
              {
                name: "token",
                label: "integrations.token",
                kind: "password",
                generate: true,
                hint: when ? t("integrations.tokenSet", { when }) : t("integrations.tokenNone"),
              },
              {
                name: "alertmanagerUrl",
                label: "integrations.alertmanagerUrl",
                value: s.alertmanagerUrl,
                placeholder: "http://alertmanager:9093",
              },
              { name: "appLabels", label: "integrations.appLabels", kind: "lines", value: s.appLabels },
              {
                name: "releaseLinkMinutes",
                label: "integrations.releaseLinkMinutes",
                kind: "number",
                value: s.releaseLinkMinutes,
              },
            ]}
          />
        </Card>
        <Card title={t("integrations.messages")}>
          <SettingsSectionForm
            id="msg"
            save={saveMessageSettingsAction}
            fields={[
              { name: "timeZone", label: "integrations.timeZone", value: s.timeZone },
              {
                name: "webhookAllowList",
                label: "integrations.webhookAllowList",
                kind: "lines",
                value: s.webhookAllowList,
                placeholder: "https://hooks.example.com/",
              },
            ]}
          />
        </Card>
        <Card title={t("integrations.wecom")} description={t("integrations.wecomHint")}>
          <SettingsSectionForm
            id="wecom"
            save={saveWecomSettingsAction}
            fields={[
              { name: "wecomApiBase", label: "integrations.wecomApiBase", value: s.wecomApiBase },
              { name: "wecomCorpId", label: "integrations.wecomCorpId", value: s.wecomCorpId },
              { name: "wecomAgentId", label: "integrations.wecomAgentId", value: s.wecomAgentId },
              { name: "wecomSecret", label: "integrations.wecomSecret", kind: "password", hint: kept(s.wecomSecret) },
            ]}
          />
        </Card>
        <Card title={t("integrations.smtp")}>
          <SettingsSectionForm
            id="smtp"
            save={saveSmtpSettingsAction}
            fields={[
              { name: "smtpHost", label: "integrations.smtpHost", value: s.smtpHost },
              { name: "smtpPort", label: "integrations.smtpPort", kind: "number", value: s.smtpPort },
              { name: "smtpSecure", label: "integrations.smtpSecure", kind: "checkbox", value: s.smtpSecure },
              { name: "smtpUsername", label: "integrations.smtpUsername", value: s.smtpUsername },
              {
                name: "smtpPassword",
                label: "integrations.smtpPassword",
                kind: "password",
                hint: kept(s.smtpPassword),
              },
              { name: "smtpFrom", label: "integrations.smtpFrom", value: s.smtpFrom },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
