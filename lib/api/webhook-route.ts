import "server-only";
import { AppError, toErrorBody } from "@/lib/errors";
import { readBounded } from "@/lib/read-bounded";
import { withServerTiming } from "@/lib/server-timing";

// Route handlers for machines (Harbor, Jenkins, CI with a pipeline token). They carry no
// session cookie and are authenticated by a secret or token in Authorization, so they are
// exempt from the CSRF/origin checks that protect cookie-authenticated routes: nothing here
// reads a cookie, and a forged cross-site request has no secret to send.

export const WEBHOOK_MAX_BYTES = 1024 * 1024;

export function machineRoute(
  handler: (request: Request, params: Record<string, string>) => Promise<Response>,
): (request: Request, route?: { params: Promise<Record<string, string>> }) => Promise<Response> {
  return (request, route) =>
    withServerTiming(async () => {
      try {
        return await handler(request, (await route?.params) ?? {});
      } catch (error) {
        const { status, body } = toErrorBody(error);
        return Response.json(body, { status });
      }
    });
}

// The body, read up to the limit (413 beyond it, whatever Content-Length claims), and parsed
// as JSON (400 when it is not).
export async function readJsonBody(
  request: Request,
  maxBytes = WEBHOOK_MAX_BYTES,
): Promise<{ raw: Buffer; json: unknown }> {
  const tooLarge = () => new AppError("too_large", `The body is larger than ${maxBytes} bytes.`, { field: "body" });
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  const raw = await readBounded(request.body, maxBytes);
  if (!raw) throw tooLarge();
  try {
    return { raw, json: JSON.parse(raw.toString("utf8")) as unknown };
  } catch {
    throw new AppError("invalid_input", "The body is not JSON.", { field: "body" });
  }
}
