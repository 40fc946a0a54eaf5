import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { releaseMode } from "@/lib/services/releases/release-access";
import { repositoryPath } from "./image-reference";

// The app and environment a tag picker is for, once the caller is found to may deploy the app
// there: only those see its registry's tags and digests.
export async function pickerTarget(actor: CurrentUser, input: { appId: string; environmentId: string }) {
  const [app, environment] = await Promise.all([
    db.app.findUnique({ where: { id: input.appId }, select: { id: true, teamId: true, imageRepository: true } }),
    db.environment.findUnique({ where: { id: input.environmentId } }),
  ]);
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  if (!environment) throw new AppError("not_found", "Unknown environment.", { field: "environmentId" });
  if (releaseMode(actor, app.teamId, environment, "deploy") === null)
    throw new AppError("forbidden", `Your role (${actor.role}) may not deploy this app.`, {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  return { app, environment, repository: repositoryPath(app.imageRepository) };
}
