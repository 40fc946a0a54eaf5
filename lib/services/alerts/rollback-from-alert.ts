import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { alertRollbackDescription } from "@/lib/services/releases/release-descriptions";
import { deployRelease, type DeployResult } from "@/lib/services/releases/deploy-release";
import { releaseAccess } from "@/lib/services/releases/release-access";
import { rollbackRelease } from "@/lib/services/releases/rollback-release";
import { loadReleaseLinks } from "./load-release-links";

// "Roll back to #N" from an alert that followed a release: the release services do the work
// and their rules hold. Who may roll back directly does (a rollback release of #N's stored
// objects); a developer on a protected environment sends a request to deploy #N's image
// instead, which ops or an admin approve like any deploy request.
export async function rollbackFromAlert(
  actor: CurrentUser,
  alertId: string,
  context: RequestContext,
): Promise<DeployResult> {
  const alert = await db.alert.findUnique({ where: { id: alertId }, include: { app: true, environment: true } });
  if (!alert) throw new AppError("not_found", "Unknown alert.", { field: "alertId", messageKey: "alerts.notFound" });
  const link = (await loadReleaseLinks([alert])).get(alert.id);
  if (!link || !alert.app || !alert.environment)
    throw new AppError("conflict", "This alert did not follow a release.", { messageKey: "alerts.noReleaseLink" });
  // Who may not deploy the app learns nothing more about its releases.
  const mode = releaseAccess(actor, alert.app.teamId, alert.environment, "deploy");
  if (!link.rollbackTo)
    throw new AppError("conflict", "No earlier succeeded release.", { messageKey: "alerts.noRollback" });
  const { description, descriptionMessage } = alertRollbackDescription(link.rollbackTo.number, alert.alertname);
  const ref = { appId: alert.app.id, environmentId: alert.environment.id };
  if (mode === "direct")
    return rollbackRelease(actor, { ...ref, releaseId: link.rollbackTo.id, description }, context, undefined, {
      descriptionMessage,
    });
  const target = await db.release.findUniqueOrThrow({ where: { id: link.rollbackTo.id } });
  const tag = target.image?.slice(target.image.lastIndexOf(":") + 1) ?? "";
  return deployRelease(actor, { ...ref, tag, description, takeOver: false }, context, { descriptionMessage });
}
