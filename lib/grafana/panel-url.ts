import type { GrafanaDashboard, GrafanaTimeRange } from "./types";

type UrlOptions = {
  variables: [string, string][];
  range: GrafanaTimeRange;
  refresh?: string;
};

// A path under the configured Grafana URL, which may itself sit under a path
// (https://example.com/grafana/).
function under(baseUrl: string, path: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${path}`;
  url.search = "";
  url.hash = "";
  return url;
}

function withView(url: URL, options: UrlOptions): void {
  for (const [name, value] of options.variables) url.searchParams.append(name, value);
  url.searchParams.set("from", options.range.from);
  url.searchParams.set("to", options.range.to);
  if (options.refresh && options.refresh !== "off") url.searchParams.set("refresh", options.refresh);
  url.searchParams.set("timezone", "browser");
}

// One panel alone, for an iframe: /d-solo/<uid>?orgId&panelId&var-...&from&to&theme.
export function soloPanelUrl(
  dashboard: GrafanaDashboard,
  panelId: number,
  options: UrlOptions & { theme: "light" | "dark" },
): string {
  const url = under(dashboard.baseUrl, `d-solo/${encodeURIComponent(dashboard.dashboardUid)}`);
  url.searchParams.set("orgId", String(dashboard.orgId));
  url.searchParams.set("panelId", String(panelId));
  withView(url, options);
  url.searchParams.set("theme", options.theme);
  return url.toString();
}

// The whole dashboard in Grafana, with the same variables and range.
export function dashboardUrl(dashboard: GrafanaDashboard, options: UrlOptions): string {
  const url = under(dashboard.baseUrl, `d/${encodeURIComponent(dashboard.dashboardUid)}`);
  url.searchParams.set("orgId", String(dashboard.orgId));
  withView(url, options);
  return url.toString();
}

export function grafanaApiUrl(baseUrl: string, path: string): URL {
  return under(baseUrl, path);
}
