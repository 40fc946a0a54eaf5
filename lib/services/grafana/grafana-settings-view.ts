import "server-only";
import { BUILTIN_DASHBOARD_UID, BUILTIN_PANELS, DEFAULT_VARIABLES } from "@/lib/grafana/builtin-dashboard";
import type { GrafanaCheck } from "@/lib/grafana/problems";
import type { GrafanaPanel, GrafanaVariable } from "@/lib/grafana/types";

// What pages get to see of an environment's Grafana: everything but the token, with the
// built-in dashboard, panels and variables filled in where none were set.
export type GrafanaSettingsView = {
  environmentId: string;
  baseUrl: string;
  orgId: number;
  builtin: boolean;
  dashboardUid: string;
  panels: GrafanaPanel[];
  variables: GrafanaVariable[];
  hasToken: boolean;
  checkedAt: Date | null;
  check: GrafanaCheck | null;
  updatedAt: Date;
};

export type GrafanaSettingsRow = {
  environmentId: string;
  baseUrl: string;
  orgId: number;
  dashboardUid: string | null;
  panels: unknown;
  variables: unknown;
  tokenEncrypted: string | null;
  checkedAt: Date | null;
  checkResult: unknown;
  updatedAt: Date;
};

export function toGrafanaSettingsView(row: GrafanaSettingsRow): GrafanaSettingsView {
  return {
    environmentId: row.environmentId,
    baseUrl: row.baseUrl,
    orgId: row.orgId,
    builtin: row.dashboardUid === null,
    dashboardUid: row.dashboardUid ?? BUILTIN_DASHBOARD_UID,
    panels: (row.panels as GrafanaPanel[] | null) ?? BUILTIN_PANELS,
    variables: (row.variables as GrafanaVariable[] | null) ?? DEFAULT_VARIABLES,
    hasToken: Boolean(row.tokenEncrypted),
    checkedAt: row.checkedAt,
    check: (row.checkResult as GrafanaCheck | null) ?? null,
    updatedAt: row.updatedAt,
  };
}

export function grafanaTokenPlace(environmentId: string): string {
  return `environment:${environmentId}:grafana-token`;
}
