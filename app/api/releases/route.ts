import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { isMessageKey } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { fromHeaders } from "@/lib/request-context";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { ZDeploySchema } from "@/lib/validations/release";

export const dynamic = "force-dynamic";

// Deploy over HTTP, for scripts and pipelines with a session: the same checks, release and
// audit row as the deploy button. 201 with the release (or 202 with the approval request).
export const POST = withRoute("apps.deploy", async (request, { user }) => {
  const body: unknown = await request.json().catch(() => null);
  const parsed = ZDeploySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    const { t } = await getI18n();
    const message = issue && isMessageKey(issue.message) ? t(issue.message, { max: 500 }) : (issue?.message ?? "");
    throw new AppError("invalid_input", `${field}: ${message}`, { field });
  }
  const result = await deployRelease(user, parsed.data, fromHeaders(request.headers));
  return Response.json(result, { status: result.kind === "release" ? 201 : 202 });
});
