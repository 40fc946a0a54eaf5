import { machineRoute, readJsonBody } from "@/lib/api/webhook-route";
import { fromHeaders } from "@/lib/request-context";
import { receiveHarborWebhook } from "@/lib/services/builds/receive-harbor-webhook";
import { startHarborEvent } from "@/lib/services/builds/start-harbor-event";

export const dynamic = "force-dynamic";

// Harbor's webhook (PUSH_ARTIFACT, DELETE_ARTIFACT, SCANNING_COMPLETED; default or CloudEvents
// format). A machine caller without cookies, authenticated by the integration's secret in
// Authorization: exempt from the CSRF/origin checks of cookie-authenticated routes. The event
// is stored and answered with 202 at once (Harbor waits 3 s); the work runs after the answer
// and as a job.
export const POST = machineRoute(async (request, params) => {
  const received = await receiveHarborWebhook(
    params.integration ?? "",
    {
      authorization: request.headers.get("authorization"),
      headers: request.headers,
      body: () => readJsonBody(request),
    },
    fromHeaders(request.headers),
  );
  if (!received.duplicate) startHarborEvent(received.eventId);
  return Response.json(received, { status: 202 });
});
