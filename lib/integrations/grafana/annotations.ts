import "server-only";
import { grafanaApiUrl } from "@/lib/grafana/panel-url";
import { GrafanaError, discard, grafanaRequest, readJson, statusProblem } from "./grafana-http";

// An organization annotation (no dashboard): dashboards show it through an annotation query on
// its tags. A region when timeEnd is after time (docs/sources/developers/http_api/annotations.md).
export type Annotation = { time: number; timeEnd: number; tags: string[]; text: string };

type Target = { baseUrl: string; token: string };

// POST /api/annotations -> 200 {"message":"Annotation added","id":1}
export async function createAnnotation(target: Target, annotation: Annotation): Promise<number> {
  const response = await grafanaRequest(target.baseUrl, grafanaApiUrl(target.baseUrl, "api/annotations"), {
    method: "POST",
    token: target.token,
    body: annotation,
  });
  const body = (await readJson(response)) as { id?: unknown } | null;
  if (response.status !== 200) throw new GrafanaError(statusProblem(response.status));
  if (typeof body?.id !== "number" || !Number.isSafeInteger(body.id)) {
    throw new GrafanaError({ key: "grafana.problem.notGrafana", values: { url: target.baseUrl, status: 200 } });
  }
  return body.id;
}

// PATCH /api/annotations/:id with the new end (and text and tags). An annotation deleted in
// Grafana meanwhile is "missing", for the caller to post again.
export async function updateAnnotation(
  target: Target,
  id: bigint | number,
  annotation: Annotation,
): Promise<"updated" | "missing"> {
  const response = await grafanaRequest(target.baseUrl, grafanaApiUrl(target.baseUrl, `api/annotations/${id}`), {
    method: "PATCH",
    token: target.token,
    body: annotation,
  });
  await discard(response);
  if (response.status === 404) return "missing";
  if (response.status !== 200) throw new GrafanaError(statusProblem(response.status));
  return "updated";
}
