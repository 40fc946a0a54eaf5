import "server-only";
import { requireUser } from "@/lib/auth/guards";
import type { Permission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { toErrorBody } from "@/lib/errors";
import { timed, withServerTiming } from "@/lib/server-timing";

// Route handlers for people (not webhooks): 401 without a session, 403 without the permission,
// and the one error shape for everything the handler throws. Answers carry `Server-Timing`.
export function withRoute(
  permission: Permission,
  handler: (request: Request, ctx: { user: CurrentUser; params: Record<string, string> }) => Promise<Response>,
): (request: Request, route?: { params: Promise<Record<string, string>> }) => Promise<Response> {
  return (request, route) =>
    withServerTiming(async () => {
      try {
        const user = await timed("auth", () => requireUser(permission));
        return await handler(request, { user, params: (await route?.params) ?? {} });
      } catch (error) {
        const { status, body } = toErrorBody(error);
        return Response.json(body, { status });
      }
    });
}
