import "server-only";
import type { GrafanaCheck, GrafanaProblem } from "@/lib/grafana/problems";
import { grafanaApiUrl, soloPanelUrl } from "@/lib/grafana/panel-url";
import type { GrafanaDashboard } from "@/lib/grafana/types";
import { cookieProblems, frameProblems, mixedContentProblems } from "./embedding-rules";
import { GrafanaError, discard, grafanaRequest, readJson, statusProblem } from "./grafana-http";

export type CheckTarget = GrafanaDashboard & { panelId: number; token: string | null };

// Asks the configured Grafana, and only it, what a person's browser will meet: is it there
// (/api/health), does the token work (the dashboard and the annotations it reads), and will
// a panel show inside Slipway (frame headers, and the session cookie when signing in is needed).
export async function checkGrafana(target: CheckTarget, slipwayUrl: string): Promise<GrafanaCheck> {
  const slipway = new URL(slipwayUrl);
  const grafana = new URL(target.baseUrl);
  const problems: GrafanaProblem[] = [];
  const notes: GrafanaProblem[] = [];
  let version: string | null = null;
  let signIn: GrafanaCheck["signIn"] = "unknown";
  try {
    version = await health(target.baseUrl);
    if (target.token) problems.push(...(await tokenProblems(target)));
    else notes.push({ key: "grafana.note.noToken" });
    const embedding = await embeddingAnswer(target);
    signIn = embedding.signIn;
    problems.push(...mixedContentProblems(slipway, grafana));
    problems.push(...frameProblems(embedding.headers, slipway, grafana));
    if (signIn === "required") problems.push(...cookieProblems(embedding.setCookies, slipway, grafana));
  } catch (error) {
    if (!(error instanceof GrafanaError)) throw error;
    problems.push(error.problem);
  }
  return { ok: problems.length === 0, version, signIn, problems, notes };
}

// Grafana answers /api/health without signing in: {"database":"ok","version":"..."}.
async function health(baseUrl: string): Promise<string | null> {
  const response = await grafanaRequest(baseUrl, grafanaApiUrl(baseUrl, "api/health"));
  const body = (await readJson(response)) as { database?: unknown; version?: unknown } | null;
  if (response.status !== 200 || !body || typeof body.database !== "string") {
    throw new GrafanaError({ key: "grafana.problem.notGrafana", values: { url: baseUrl, status: response.status } });
  }
  return typeof body.version === "string" && /^[\w.+-]{1,40}$/.test(body.version) ? body.version : null;
}

async function tokenProblems(target: CheckTarget): Promise<GrafanaProblem[]> {
  const dashboard = await grafanaRequest(
    target.baseUrl,
    grafanaApiUrl(target.baseUrl, `api/dashboards/uid/${encodeURIComponent(target.dashboardUid)}`),
    { token: target.token },
  );
  await discard(dashboard);
  if (dashboard.status === 404) {
    return [{ key: "grafana.problem.dashboardMissing", values: { uid: target.dashboardUid, orgId: target.orgId } }];
  }
  if (dashboard.status !== 200) return [statusProblem(dashboard.status)];
  const annotationsUrl = grafanaApiUrl(target.baseUrl, "api/annotations");
  annotationsUrl.searchParams.set("tags", "slipway");
  annotationsUrl.searchParams.set("limit", "1");
  const annotations = await grafanaRequest(target.baseUrl, annotationsUrl, { token: target.token });
  await discard(annotations);
  return annotations.status === 200 ? [] : [statusProblem(annotations.status)];
}

// A panel as a browser without a Grafana session asks for it. 200: anonymous viewers may see
// it; a redirect to Grafana's own login page: people must be signed in, and that page's
// headers count too. A redirect anywhere else (an SSO proxy) is not followed.
async function embeddingAnswer(target: CheckTarget) {
  const url = new URL(
    soloPanelUrl(target, target.panelId, {
      variables: [],
      range: { from: "now-1h", to: "now" },
      theme: "light",
    }),
  );
  const first = await grafanaRequest(target.baseUrl, url, { accept: "text/html" });
  await discard(first);
  const headers = [first.headers];
  const setCookies = [...first.headers.getSetCookie()];
  let signIn: GrafanaCheck["signIn"] = first.status === 200 ? "anonymous" : "unknown";
  const location = first.headers.get("location");
  if (first.status >= 300 && first.status < 400 && location) {
    const next = new URL(location, url);
    if (/\/login\/?$/.test(next.pathname)) signIn = "required";
    if (next.origin === url.origin) {
      const login = await grafanaRequest(target.baseUrl, next, { accept: "text/html" });
      await discard(login);
      headers.push(login.headers);
      setCookies.push(...login.headers.getSetCookie());
    }
  } else if (first.status >= 400) {
    throw new GrafanaError({ key: "grafana.problem.status", values: { status: first.status } });
  }
  return { headers, setCookies, signIn };
}
