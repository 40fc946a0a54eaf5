import "server-only";
import type { GrafanaProblem } from "@/lib/grafana/problems";

// Every call to a Grafana is bounded in time: a Grafana that does not answer delays a marker
// or a check, never a page or a deploy.
export const GRAFANA_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 256 * 1024;

export class GrafanaError extends Error {
  constructor(readonly problem: GrafanaProblem) {
    super(`${problem.key} ${JSON.stringify(problem.values ?? {})}`);
    this.name = "GrafanaError";
  }
}

type RequestOptions = {
  method?: "GET" | "POST" | "PATCH";
  token?: string | null;
  body?: unknown;
  accept?: string;
};

// Only the configured Grafana is ever asked: the URL must be on its origin (the pages and jobs
// build it from the settings, never from what a browser sent). Redirects are not followed.
export async function grafanaRequest(baseUrl: string, url: URL, options: RequestOptions = {}): Promise<Response> {
  if (url.origin !== new URL(baseUrl).origin) throw new Error(`refusing a request outside ${baseUrl}`);
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(url, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: "manual",
      signal: AbortSignal.timeout(GRAFANA_TIMEOUT_MS),
    });
  } catch (error) {
    throw new GrafanaError({
      key: "grafana.problem.unreachable",
      values: { url: baseUrl, detail: networkDetail(error) },
    });
  }
}

// What went wrong on the way, from our side of the connection (never the remote's words).
function networkDetail(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `no answer within ${GRAFANA_TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === "string" && /^[A-Z_]{2,40}$/.test(cause.code)) return cause.code;
  return "connection failed";
}

// A JSON answer, read up to a bound; null when it is not JSON.
export async function readJson(response: Response): Promise<unknown> {
  const reader = response.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    return null;
  }
}

// Answers whose body Slipway does not need are dropped, so the connection is freed.
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

// 401 and 403 name the token; anything else unexpected names only the status.
export function statusProblem(status: number): GrafanaProblem {
  if (status === 401) return { key: "grafana.problem.tokenRejected" };
  if (status === 403) return { key: "grafana.problem.tokenForbidden" };
  return { key: "grafana.problem.status", values: { status } };
}
