import type { GrafanaPanel, GrafanaVariable } from "./types";

// Slipway's own app dashboard: what an environment uses until an administrator names another,
// so every app gets panels with no per-app work. Its JSON (builtinDashboardJson) is imported
// into Grafana once; the panels read the metrics a Kubernetes Prometheus has anyway (cAdvisor,
// kube-state-metrics) and the common HTTP server metrics, for the app's pods (`<app>-...`) in
// its namespace.
export const BUILTIN_DASHBOARD_UID = "slipway-app";

export const DEFAULT_VARIABLES: GrafanaVariable[] = [
  { name: "var-namespace", value: "{namespace}" },
  { name: "var-app", value: "{app}" },
  { name: "var-env", value: "{env}" },
];

const pods = 'namespace="$namespace", pod=~"$app-.*"';

const PANELS: (GrafanaPanel & { expr: string; unit: string })[] = [
  {
    id: 1,
    title: "Requests per second",
    height: 240,
    unit: "reqps",
    expr: `sum by (code) (rate(http_requests_total{${pods}}[5m]))`,
  },
  {
    id: 2,
    title: "Error rate (5xx)",
    height: 240,
    unit: "percentunit",
    expr: `sum(rate(http_requests_total{${pods}, code=~"5.."}[5m])) / sum(rate(http_requests_total{${pods}}[5m]))`,
  },
  {
    id: 3,
    title: "Latency p95",
    height: 240,
    unit: "s",
    expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${pods}}[5m])))`,
  },
  {
    id: 4,
    title: "CPU",
    height: 240,
    unit: "short",
    expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${pods}, container!=""}[5m]))`,
  },
  {
    id: 5,
    title: "Memory",
    height: 240,
    unit: "bytes",
    expr: `sum by (pod) (container_memory_working_set_bytes{${pods}, container!=""})`,
  },
  {
    id: 6,
    title: "Container restarts",
    height: 240,
    unit: "short",
    expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{${pods}}[15m]))`,
  },
];

export const BUILTIN_PANELS: GrafanaPanel[] = PANELS.map(({ id, title, height }) => ({ id, title, height }));

// The dashboard to import into Grafana (Dashboards → New → Import): text variables the panel
// URLs set, a Prometheus data source chosen at import, and Slipway's release markers shown by
// their tags.
export function builtinDashboardJson(): Record<string, unknown> {
  const textbox = (name: string) => ({ name, type: "textbox", label: name, query: "", hide: 0 });
  return {
    __inputs: [
      {
        name: "DS_PROMETHEUS",
        label: "Prometheus",
        type: "datasource",
        pluginId: "prometheus",
        pluginName: "Prometheus",
      },
    ],
    uid: BUILTIN_DASHBOARD_UID,
    title: "Slipway app",
    tags: ["slipway"],
    schemaVersion: 39,
    time: { from: "now-6h", to: "now" },
    templating: { list: [textbox("namespace"), textbox("app"), textbox("env")] },
    annotations: {
      list: [
        {
          name: "Slipway releases",
          datasource: { type: "grafana", uid: "-- Grafana --" },
          enable: true,
          iconColor: "purple",
          target: { type: "tags", tags: ["slipway", "app:$app", "env:$env"], matchAny: false, limit: 100 },
        },
      ],
    },
    panels: PANELS.map((panel, index) => ({
      id: panel.id,
      type: "timeseries",
      title: panel.title,
      datasource: { type: "prometheus", uid: "${DS_PROMETHEUS}" },
      gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      targets: [{ refId: "A", expr: panel.expr, datasource: { type: "prometheus", uid: "${DS_PROMETHEUS}" } }],
    })),
  };
}
