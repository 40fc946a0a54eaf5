import { isMachineRoute } from "@/lib/api/machine-routes";
import { MAX_NESTING, nestingDepth } from "@/lib/validations/input-shape";

// Far above the 1 MB that actions and routes take (they refuse more on the field concerned):
// beyond this a body is not read at all.
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refuse(status: number, code: string, message: string, field?: string): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

// Who may send a state-changing request, checked before any route or server action runs.
//
// Cross-site request forgery needs the victim's cookies, which only a browser sends on its own,
// and a browser names the page that made a request (Origin, Sec-Fetch-Site). So:
// - a request naming another origin (or "null") is refused, whatever its path;
// - one naming no origin at all comes from no browser, and cannot carry a victim's session;
// - machine callers are exempt by design: `/api/webhooks/*` (authenticated by their shared
//   secret) and bearer-token calls without cookies, since neither rides on a session;
// - route bodies must be `application/json`, which no cross-site form can send; server actions
//   take the text/plain JSON or multipart bodies React sends, and must be readable as such
//   (anything else would only fail inside Next.js with a 500).
export async function guardRequest(request: Request, ownOrigins: readonly string[]): Promise<Response | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  const path = new URL(request.url).pathname;
  if (isMachineRoute(path)) return null;
  const headers = request.headers;
  if (/^Bearer\s/i.test(headers.get("authorization") ?? "") && !headers.has("cookie")) return null;

  const origin = headers.get("origin");
  const site = headers.get("sec-fetch-site");
  if (origin !== null ? !ownOrigins.includes(origin) : site !== null && site !== "same-origin" && site !== "none")
    return refuse(403, "forbidden", "Cross-site request refused: send it from Slipway's own pages.");

  if (Number(headers.get("content-length") ?? 0) > MAX_BODY_BYTES)
    return refuse(413, "too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`, "body");
  const type = headers.get("content-type") ?? "";
  // next-auth's sign-in and sign-out forms (urlencoded, with its own CSRF token).
  if (path.startsWith("/api/auth/")) return null;
  if (path.startsWith("/api/"))
    return /^application\/json\s*(;|$)/i.test(type)
      ? null
      : refuse(415, "unsupported_media_type", "Send the body as application/json.", "body");
  if (!headers.has("next-action")) return null;
  if (/^multipart\/form-data\s*;/i.test(type)) {
    try {
      await request.formData();
      return null;
    } catch {
      return refuse(400, "invalid_input", "The action's form data cannot be read.", "body");
    }
  }
  if (!/^text\/plain\s*(;|$)/i.test(type))
    return refuse(415, "unsupported_media_type", "Server actions take text/plain or multipart bodies.", "body");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    return refuse(413, "too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`, "body");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, "invalid_input", "The action's arguments are not valid JSON.", "body");
  }
  if (nestingDepth(body) > MAX_NESTING)
    return refuse(400, "invalid_input", `The action's arguments nest deeper than ${MAX_NESTING} levels.`, "body");
  return null;
}
