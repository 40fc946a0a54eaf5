import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { readQuery } from "@/lib/api/parse-request";
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
    const { t, render } = await getI18n();
    const { env, ...query } = await readQuery(request, ZContainerLogQuerySchema);
    const events = containerLogEvents(
      { ...query, appId: app, environmentId: env },
      { signal: request.signal, t, render },
    );
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
