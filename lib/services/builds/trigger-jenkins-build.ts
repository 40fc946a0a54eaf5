import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { queueUrl, triggerBuild } from "@/lib/integrations/jenkins/jenkins-client";
import type { RequestContext } from "@/lib/request-context";
import { assertTeamAccess } from "@/lib/services/apps/assert-team-access";
import { openJenkins } from "@/lib/services/integrations/integration-access";
import type { TriggerBuildInput } from "@/lib/validations/jenkins";
import { jenkinsBuildJob, JENKINS_POLL_SECONDS } from "@/lib/builds/jobs";
import { sendJob } from "@/lib/jobs/send-job";

// The app page's Build button: the app's Jenkins job through buildWithParameters (API token),
// for developers of the app's team. The queue item Jenkins answers with is recorded and
// followed to the build number, URL and result; an identical build already queued (303) is
// that build, not a second one. Audited.
export async function triggerJenkinsBuild(
  actor: CurrentUser,
  input: TriggerBuildInput,
  context: RequestContext,
): Promise<{ buildId: string; duplicate: boolean }> {
  if (!can(actor.role, "apps.deploy"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not do this.`, {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  const app = await db.app.findUnique({ where: { id: input.appId }, include: { team: true, jenkinsServer: true } });
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  assertTeamAccess(actor, app.teamId);
  if (!app.jenkinsServer || !app.jenkinsJob)
    throw new AppError("invalid_input", "This app names no Jenkins job.", {
      field: "jenkinsJob",
      messageKey: "builds.jenkins.notConfigured",
    });
  const access = openJenkins(app.jenkinsServer);
  const { queueId, duplicate } = await triggerBuild(
    access,
    app.jenkinsJob,
    input.branch ? { BRANCH: input.branch } : {},
  );
  const url = queueUrl(access, queueId);
  const build = await db.$transaction(async (tx) => {
    const queued = duplicate
      ? await tx.jenkinsBuild.findFirst({ where: { jenkinsServerId: access.id, queueUrl: url }, select: { id: true } })
      : null;
    const row =
      queued ??
      (await tx.jenkinsBuild.create({
        data: {
          jenkinsServerId: access.id,
          appId: app.id,
          job: app.jenkinsJob!,
          queueUrl: url,
          branch: input.branch ?? null,
          triggeredById: actor.id,
          triggeredByLabel: actor.email,
        },
        select: { id: true },
      }));
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "build.trigger",
      target: { type: "app", id: app.id, label: `${app.team.name}/${app.name}` },
      after: { jenkins: access.name, job: app.jenkinsJob, queueId, branch: input.branch, alreadyQueued: duplicate },
      context,
    });
    if (!queued)
      await sendJob(
        jenkinsBuildJob,
        { buildId: row.id },
        { tx, singletonKey: row.id, startAfter: JENKINS_POLL_SECONDS },
      );
    return row;
  });
  return { buildId: build.id, duplicate };
}
