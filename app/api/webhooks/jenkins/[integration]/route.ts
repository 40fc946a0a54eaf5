import { machineRoute, readJsonBody } from "@/lib/api/webhook-route";
import { fromHeaders } from "@/lib/request-context";
import { receiveJenkinsWebhook } from "@/lib/services/builds/receive-jenkins-webhook";

export const dynamic = "force-dynamic";

// A Jenkinsfile's post step reports a build here (README). A machine caller without cookies,
// authenticated by the server's webhook secret (`Authorization: Bearer ...`): exempt from the
// CSRF/origin checks of cookie-authenticated routes.
export const POST = machineRoute(async (request, params) => {
  const recorded = await receiveJenkinsWebhook(
    params.integration ?? "",
    { authorization: request.headers.get("authorization"), body: () => readJsonBody(request) },
    fromHeaders(request.headers),
  );
  return Response.json(recorded, { status: 200 });
});
