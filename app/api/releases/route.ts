import { withPipelineRoute } from "@/lib/api/with-pipeline-route";
import { readJsonBody } from "@/lib/api/parse-request";
import { fromHeaders } from "@/lib/request-context";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { ZDeploySchema } from "@/lib/validations/release";

export const dynamic = "force-dynamic";

// Deploy over HTTP, for scripts with a session and pipelines with a team's pipeline token
// (Bearer, cookie-less): the same checks, release and audit row as the deploy button. 201 with
// the release (or 202 with the approval request).
export const POST = withPipelineRoute("apps.deploy", async (request, { user }) => {
  const input = await readJsonBody(request, ZDeploySchema);
  const result = await deployRelease(user, input, fromHeaders(request.headers));
  return Response.json(result, { status: result.kind === "release" ? 201 : 202 });
});
