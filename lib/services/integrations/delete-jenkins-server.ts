import "server-only";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { FINAL_BUILD_STATUSES } from "@/lib/services/builds/jenkins-status";

// Deletes a Jenkins server with its sealed API token, refused while an app builds with it (the
// message names them). Its builds stay in the apps' history without a server; the ones still
// followed are given up as lost, since no one is left to ask. Locked first, like a registry.
export async function deleteJenkinsServer(actor: Actor, id: string, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM jenkins_servers WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked)
      throw new AppError("not_found", "Unknown Jenkins server.", { field: "id", messageKey: "integrations.notFound" });
    const server = await tx.jenkinsServer.findUniqueOrThrow({
      where: { id },
      include: { apps: { select: { name: true, team: { select: { name: true } } }, orderBy: { name: "asc" } } },
    });
    if (server.apps.length > 0) {
      const apps = server.apps.map((app) => `${app.team.name}/${app.name}`).join(", ");
      throw new AppError("conflict", `The Jenkins server ${server.name} is still used by the apps ${apps}.`, {
        field: "id",
        messageKey: "integrations.jenkinsInUse",
        values: { name: server.name, apps },
      });
    }
    const lost = await tx.jenkinsBuild.updateMany({
      where: { jenkinsServerId: id, status: { notIn: FINAL_BUILD_STATUSES } },
      data: { status: "lost", finishedAt: new Date() },
    });
    await tx.jenkinsServer.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "jenkins.delete",
      target: { type: "jenkins_server", id, label: server.name },
      before: { name: server.name, url: server.url, username: server.username },
      after: { buildsGivenUp: lost.count },
      context,
    });
  });
}
