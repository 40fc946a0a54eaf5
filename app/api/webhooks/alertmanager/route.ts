import { readLimitedBody } from "@/lib/api/read-limited-body";
import { isMessageKey, translator } from "@/lib/i18n/locales";
import { fromHeaders } from "@/lib/request-context";
import { timed, withServerTiming } from "@/lib/server-timing";
import { authenticateAlertmanager } from "@/lib/services/alerts/authenticate-alertmanager";
import { ingestAlerts } from "@/lib/services/alerts/ingest-alerts";
import { ALERTMANAGER_MAX_BODY_BYTES, ZAlertmanagerPayloadSchema } from "@/lib/validations/alertmanager";

export const dynamic = "force-dynamic";

function answer(status: number, code: string, message: string, field?: string): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

// Alertmanager's webhook receiver (payload version 4). A machine caller with a bearer token: no
// session cookie is read here, and the console's cookie checks (CSRF, Origin) exempt it
// (lib/api/machine-routes.ts). Alertmanager retries 5xx and drops 4xx, so 4xx is only for
// requests that can never succeed, and 5xx only when storing failed.
export async function POST(request: Request): Promise<Response> {
  return withServerTiming(async () => {
    const context = fromHeaders(request.headers);
    const settings = await timed("auth", () => authenticateAlertmanager(request.headers.get("authorization"), context));
    if (!settings)
      return answer(401, "unauthenticated", "A valid bearer token is required (Settings → Integrations → Alerting).");
    const text = await timed("read", () => readLimitedBody(request, ALERTMANAGER_MAX_BODY_BYTES));
    if (text === null) return answer(413, "too_large", "The body is larger than 5 MB.");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return answer(400, "invalid_input", "The body is not JSON.");
    }
    const parsed = ZAlertmanagerPayloadSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join(".") || "body";
      const message = issue && isMessageKey(issue.message) ? translator("en")(issue.message) : issue?.message;
      return answer(400, "invalid_input", `${field}: ${message ?? "invalid"}`, field);
    }
    try {
      return Response.json(await ingestAlerts(parsed.data, settings));
    } catch (error) {
      console.error("alertmanager webhook: storing failed", error);
      return answer(503, "internal", "The alerts could not be stored; Alertmanager will send them again.");
    }
  });
}
