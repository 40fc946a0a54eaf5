import { withPipelineRoute } from "@/lib/api/with-pipeline-route";
import { readReleaseStatus } from "@/lib/services/builds/read-release-status";
import { ZIdSchema } from "@/lib/validations/common";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

// A release's status, for the pipeline that started it (pipeline token, its team's releases
// only) or a script with a session.
export const GET = withPipelineRoute("console.read", async (request, { user, params }) => {
  const id = ZIdSchema.safeParse(params.id);
  if (!id.success) throw new AppError("not_found", "Unknown release.", { field: "id" });
  const viaToken = /^Bearer\s/i.test(request.headers.get("authorization") ?? "");
  return Response.json(await readReleaseStatus(user, id.data, viaToken));
});
