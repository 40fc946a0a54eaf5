import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dashboardUrl, soloPanelUrl } from "@/lib/grafana/panel-url";
import type { RefreshChoice } from "@/lib/grafana/time-range";
import { CONSOLE_THEME, type GrafanaPanel, type GrafanaTimeRange } from "@/lib/grafana/types";
import { resolveVariables } from "@/lib/grafana/variables";
import { renderNamespace } from "@/lib/services/environments/environment-view";
import { toGrafanaSettingsView } from "./grafana-settings-view";

export type MonitoringPanel = GrafanaPanel & { url: string };

// An app's own panel choice as its editor starts from: its saved one, or the environment's.
export type AppPanelChoice = { dashboard: "environment" | "custom"; dashboardUid: string; panels: GrafanaPanel[] };

export type AppMonitoring =
  | { configured: false }
  | {
      configured: true;
      source: "app" | "environment";
      dashboardUrl: string;
      panels: MonitoringPanel[];
      choice: AppPanelChoice;
      // The environment's panels, which "back to the environment's panels" returns to.
      defaults: GrafanaPanel[];
    };

// The panels of one app in one environment as iframe URLs (/d-solo with the app's variables,
// the range, the console's theme) and the link to the whole dashboard with the same view. The
// app's own panels win over the environment's; `limit` keeps the first ones only.
export async function appMonitoring(
  appId: string,
  environmentId: string,
  view: { range: GrafanaTimeRange; refresh?: RefreshChoice; limit?: number },
): Promise<AppMonitoring> {
  const [app, environment, row, own] = await Promise.all([
    db.app.findUnique({ where: { id: appId }, select: { name: true, team: { select: { name: true } } } }),
    db.environment.findUnique({ where: { id: environmentId }, select: { name: true, namespacePattern: true } }),
    db.environmentGrafana.findUnique({ where: { environmentId } }),
    db.appGrafana.findUnique({ where: { appId } }),
  ]);
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  if (!environment) throw new AppError("not_found", "Unknown environment.", { field: "environmentId" });
  if (!row) return { configured: false };
  const settings = toGrafanaSettingsView(row);
  const dashboard = {
    baseUrl: settings.baseUrl,
    orgId: settings.orgId,
    dashboardUid: own?.dashboardUid ?? settings.dashboardUid,
  };
  const panels = (own?.panels as GrafanaPanel[] | undefined) ?? settings.panels;
  const variables = resolveVariables(settings.variables, {
    namespace: renderNamespace(environment.namespacePattern, { team: app.team.name, env: environment.name }),
    app: app.name,
    env: environment.name,
    team: app.team.name,
  });
  const options = { variables, range: view.range, refresh: view.refresh };
  return {
    configured: true,
    source: own ? "app" : "environment",
    dashboardUrl: dashboardUrl(dashboard, options),
    panels: panels.slice(0, view.limit).map((panel) => ({
      ...panel,
      url: soloPanelUrl(dashboard, panel.id, { ...options, theme: CONSOLE_THEME }),
    })),
    choice: {
      dashboard: own?.dashboardUid ? "custom" : "environment",
      dashboardUid: own?.dashboardUid ?? "",
      panels,
    },
    defaults: settings.panels,
  };
}
