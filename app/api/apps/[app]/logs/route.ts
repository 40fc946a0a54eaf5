import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { isMessageKey } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { containerLogEvents } from "@/lib/services/observe/container-log-events";
import { ZIdSchema } from "@/lib/validations/common";
import { ZContainerLogQuerySchema } from "@/lib/validations/observe";

export const dynamic = "force-dynamic";

// One container's log as Server-Sent Events (lib/services/observe/container-log-events.ts).
// Query: env (environment id), pod, container, tailLines, previous, follow. When the browser
// goes away, request.signal aborts and the follow to the cluster ends with it.
export async function GET(request: Request, { params }: { params: Promise<{ app: string }> }) {
  const { app } = await params;
  return withRoute("console.read", async () => {
    if (!ZIdSchema.safeParse(app).success) throw new AppError("not_found", "Unknown app.", { field: "app" });
    const { t } = await getI18n();
    const parsed = ZContainerLogQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "query";
      const max = issue && "maximum" in issue ? Number(issue.maximum) : 63;
      const message = issue && isMessageKey(issue.message) ? t(issue.message, { max }) : t("validation.invalid");
      throw new AppError("invalid_input", `${field}: ${message}`, { field });
    }
    const { env, ...query } = parsed.data;
    const events = containerLogEvents({ ...query, appId: app, environmentId: env }, { signal: request.signal, t });
    return new Response(events, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        // nginx (and ingress-nginx) would otherwise buffer the stream.
        "x-accel-buffering": "no",
      },
    });
  })(request);
}
