// Shapes shared by the Grafana settings, the pages and the URL builders (no server code here).
export type GrafanaPanel = { id: number; title: string; height: number };

// One query parameter of a panel URL: a Grafana variable ("var-namespace") and the value
// template it takes ("{namespace}").
export type GrafanaVariable = { name: string; value: string };

// What an app's panels come from in one environment.
export type GrafanaDashboard = { baseUrl: string; orgId: number; dashboardUid: string };

// Grafana's `from`/`to`: relative ("now-6h", "now") or epoch milliseconds.
export type GrafanaTimeRange = { from: string; to: string };

// The console is drawn light (app/globals.css): panels follow it.
export const CONSOLE_THEME = "light";
