import "server-only";
import { can, type Permission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { authenticatePipelineToken } from "@/lib/services/tokens/authenticate-pipeline-token";
import { machineRoute } from "./webhook-route";
import { withRoute } from "./with-route";

type Handler = (request: Request, ctx: { user: CurrentUser; params: Record<string, string> }) => Promise<Response>;

// Routes CI may call too: with `Authorization: Bearer slp_...` the caller is the pipeline
// token (cookie-less, so exempt from the CSRF/origin checks of cookie-authenticated routes;
// nothing here reads a cookie), otherwise the signed-in person, as withRoute does it.
export function withPipelineRoute(permission: Permission, handler: Handler) {
  const bySession = withRoute(permission, handler);
  const byToken = machineRoute(async (request, params) => {
    const user = await authenticatePipelineToken(request.headers.get("authorization") ?? "");
    if (!can(user.role, permission))
      throw new AppError("forbidden", `A pipeline token may not do this (${permission}).`);
    return handler(request, { user, params });
  });
  return (request: Request, route?: { params: Promise<Record<string, string>> }): Promise<Response> =>
    /^Bearer\s/i.test(request.headers.get("authorization") ?? "") ? byToken(request, route) : bySession(request, route);
}
