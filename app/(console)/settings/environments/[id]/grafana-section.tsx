import { CheckGrafanaButton } from "@/components/grafana/check-grafana-button";
import { GrafanaCheckView } from "@/components/grafana/grafana-check-view";
import { GrafanaSettingsForm } from "@/components/grafana/grafana-settings-form";
import { Card } from "@/components/ui/card";
import { getI18n } from "@/lib/i18n/server";
import { BUILTIN_PANELS, DEFAULT_VARIABLES } from "@/lib/grafana/builtin-dashboard";
import { formatVariableLines } from "@/lib/grafana/variables";
import { getGrafanaSettings } from "@/lib/services/grafana/get-grafana-settings";
import { checkGrafanaAction, saveGrafanaSettingsAction } from "../grafana-actions";

// An environment's Grafana settings beside what the last check of that Grafana found.
export async function GrafanaSection({ environmentId }: { environmentId: string }) {
  const { t } = await getI18n();
  const settings = await getGrafanaSettings(environmentId);
  return (
    <div className="mt-6 grid items-start gap-6 lg:grid-cols-[1fr_360px]">
      <Card title={t("grafana.settings.title")} description={t("grafana.settings.description")}>
        <GrafanaSettingsForm
          environmentId={environmentId}
          action={saveGrafanaSettingsAction}
          downloadHref="/api/grafana/dashboard"
          initial={{
            baseUrl: settings?.baseUrl ?? "",
            orgId: settings?.orgId ?? 1,
            builtin: settings?.builtin ?? true,
            dashboardUid: settings?.dashboardUid ?? "",
            panels: settings?.panels ?? BUILTIN_PANELS,
            variables: formatVariableLines(settings?.variables ?? DEFAULT_VARIABLES),
            hasToken: settings?.hasToken ?? false,
          }}
        />
      </Card>
      <Card title={t("grafana.check.title")}>
        {settings ? (
          <div className="space-y-3">
            <GrafanaCheckView check={settings.check} checkedAt={settings.checkedAt?.toISOString() ?? null} />
            <CheckGrafanaButton environmentId={environmentId} action={checkGrafanaAction} />
          </div>
        ) : (
          <p className="text-sm text-slate-500">{t("grafana.settings.off")}</p>
        )}
      </Card>
    </div>
  );
}
