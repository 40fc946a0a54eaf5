import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Msg } from "@/components/i18n/message-text";
import { AppPanelsForm } from "@/components/grafana/app-panels-form";
import { MonitoringToolbar } from "@/components/grafana/monitoring-toolbar";
import { PanelGrid } from "@/components/grafana/panel-grid";
import { Card, EmptyState } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { chosenRange } from "@/lib/grafana/time-range";
import { getI18n } from "@/lib/i18n/server";
import { hasTeamAccess } from "@/lib/services/apps/assert-team-access";
import { getApp } from "@/lib/services/apps/list-apps";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { appMonitoring } from "@/lib/services/grafana/app-monitoring";
import { ZIdSchema } from "@/lib/validations/common";
import { ZMonitoringQuerySchema } from "@/lib/validations/grafana";
import { AppViewHeader } from "../app-view-header";
import { resetAppPanelsAction, saveAppPanelsAction } from "./actions";
import { GrafanaProblems } from "./grafana-problems";

export default async function MonitoringPage({
  params,
  searchParams,
}: {
  params: Promise<{ app: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const { app: id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const app = await getApp(id);
  if (!app) notFound();
  const { t } = await getI18n();
  const query = ZMonitoringQuerySchema.parse(await searchParams);
  const environments = await listEnvironments();
  const selected = environments.find((e) => e.name === query.env) ?? environments[0];
  const view = { range: query.range, refresh: query.refresh, from: query.from, to: query.to };
  const keep = `&range=${view.range}&refresh=${view.refresh}${view.from && view.to ? `&from=${view.from}&to=${view.to}` : ""}`;
  const monitoring = selected
    ? await appMonitoring(app.id, selected.id, {
        range: chosenRange(view.range, view.from, view.to),
        refresh: view.refresh,
      })
    : null;
  const mayEdit = can(user.role, "apps.deploy") && hasTeamAccess(user, app.teamId);
  return (
    <>
      <AppViewHeader
        app={app}
        view="monitoring"
        subtitle={selected ? <Msg k="grafana.monitoring.subtitle" values={{ env: selected.displayName }} /> : undefined}
        environments={environments}
        selected={selected?.name}
        query={keep}
      />
      {!selected || !monitoring ? (
        <EmptyState title={t("observe.noEnvironments")} hint={t("observe.noEnvironmentsHint")} />
      ) : !monitoring.configured ? (
        <EmptyState
          title={<Msg k="grafana.monitoring.unconfigured" values={{ env: selected.displayName }} />}
          hint={
            can(user.role, "environments.manage") ? (
              <Link href={`/settings/environments/${selected.id}`} className="text-indigo-700 hover:underline">
                <Msg k="grafana.monitoring.configure" values={{ env: selected.displayName }} />
              </Link>
            ) : (
              <Msg k="grafana.monitoring.unconfiguredHint" values={{ env: selected.displayName }} />
            )
          }
        />
      ) : (
        <div className="space-y-4">
          <Suspense fallback={null}>
            <GrafanaProblems environmentId={selected.id} environment={selected.displayName} />
          </Suspense>
          <div className="flex flex-wrap items-end justify-between gap-3">
            <MonitoringToolbar key={`${view.range}:${view.from}:${view.to}`} {...view} />
            <a
              href={monitoring.dashboardUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="grafana-dashboard-link"
              className="pb-2 text-sm text-indigo-700 hover:underline"
            >
              {t("grafana.monitoring.openDashboard")}
            </a>
          </div>
          <p className="text-xs text-slate-500">
            {monitoring.source === "app" ? (
              t("grafana.monitoring.source.app")
            ) : (
              <Msg k="grafana.monitoring.source.environment" values={{ env: selected.displayName }} />
            )}
          </p>
          <PanelGrid panels={monitoring.panels} />
          {mayEdit ? (
            <Card title={t("grafana.appPanels.title")}>
              <AppPanelsForm
                appId={app.id}
                initial={monitoring.choice}
                defaults={monitoring.defaults}
                own={monitoring.source === "app"}
                save={saveAppPanelsAction}
                reset={resetAppPanelsAction}
              />
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}
