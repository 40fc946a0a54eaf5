import { AppPicker } from "@/components/apps/app-picker";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { SEVERITIES } from "@/lib/alerts/severity";
import { getI18n } from "@/lib/i18n/server";
import type { AppChoice } from "@/lib/services/apps/search-apps";
import type { AlertListQuery } from "@/lib/validations/subscription";

// The alert list's filters, as a plain GET form (the URL keeps them).
export async function AlertFilters({
  query,
  app,
  environments,
  fixedApp,
}: {
  query: AlertListQuery;
  // The app filtered for, named (the picker searches the rest).
  app?: AppChoice;
  environments: { name: string; label: string }[];
  fixedApp?: boolean;
}) {
  const { t } = await getI18n();
  return (
    <form className="mb-4 flex flex-wrap items-end gap-2" method="get" aria-label={t("alerts.filter")}>
      <input type="hidden" name="state" value={query.state} />
      {fixedApp ? null : (
        <AppPicker
          name="app"
          selected={app ? [app] : []}
          aria-label={t("alerts.col.app")}
          placeholder={t("alerts.allApps")}
          className="w-56"
          testId="alert-filter-app"
        />
      )}
      <Select name="env" defaultValue={query.env ?? ""} aria-label={t("alerts.col.env")} className="w-40">
        <option value="">{t("alerts.allEnvironments")}</option>
        {environments.map((env) => (
          <option key={env.name} value={env.name}>
            {env.label}
          </option>
        ))}
      </Select>
      <Select
        name="severity"
        defaultValue={query.severity ?? ""}
        aria-label={t("alerts.col.severity")}
        className="w-36"
      >
        <option value="">{t("alerts.anySeverity")}</option>
        {SEVERITIES.map((severity) => (
          <option key={severity} value={severity}>
            {severity}
          </option>
        ))}
      </Select>
      <Input
        name="alertname"
        defaultValue={query.alertname ?? ""}
        placeholder={t("alerts.alertnameFilter")}
        aria-label={t("alerts.alertnameFilter")}
        className="w-44"
      />
      <Select name="since" defaultValue={query.since ?? ""} aria-label={t("alerts.col.started")} className="w-40">
        <option value="">{t("alerts.anyTime")}</option>
        {(["1h", "24h", "7d", "30d"] as const).map((since) => (
          <option key={since} value={since}>
            {t(`alerts.since.${since}`)}
          </option>
        ))}
      </Select>
      <button type="submit" className={buttonClass("secondary")}>
        {t("alerts.apply")}
      </button>
    </form>
  );
}
