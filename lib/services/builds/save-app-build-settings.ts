import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { assertTeamAccess } from "@/lib/services/apps/assert-team-access";
import type { AppBuildSettingsInput } from "@/lib/validations/jenkins";

// An app's build settings: the Jenkins job its Build button starts, and the tags a push
// deploys to auto-deploy environments. The team's developers, ops and admins; audited.
export async function saveAppBuildSettings(actor: CurrentUser, input: AppBuildSettingsInput, context: RequestContext) {
  if (!can(actor.role, "apps.deploy"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not do this.`, {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  const app = await db.app.findUnique({ where: { id: input.appId }, include: { team: true } });
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  assertTeamAccess(actor, app.teamId);
  if (Boolean(input.jenkinsServerId) !== Boolean(input.jenkinsJob))
    throw new AppError("invalid_input", "Name both the Jenkins server and the job, or neither.", {
      field: input.jenkinsServerId ? "jenkinsJob" : "jenkinsServerId",
      messageKey: "builds.jenkins.bothOrNeither",
    });
  if (input.jenkinsServerId && !(await db.jenkinsServer.findUnique({ where: { id: input.jenkinsServerId } })))
    throw new AppError("invalid_input", "Unknown Jenkins server.", {
      field: "jenkinsServerId",
      messageKey: "builds.jenkins.unknownServer",
    });
  const after = {
    jenkinsServerId: input.jenkinsServerId ?? null,
    jenkinsJob: input.jenkinsJob ?? null,
    autoDeployPattern: input.autoDeployPattern,
  };
  await db.$transaction(async (tx) => {
    await tx.app.update({ where: { id: app.id }, data: after });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "app.build-settings",
      target: { type: "app", id: app.id, label: `${app.team.name}/${app.name}` },
      before: {
        jenkinsServerId: app.jenkinsServerId,
        jenkinsJob: app.jenkinsJob,
        autoDeployPattern: app.autoDeployPattern,
      },
      after,
      context,
    });
  });
}
