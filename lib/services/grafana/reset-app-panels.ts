import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import { assertTeamAccess } from "@/lib/services/apps/assert-team-access";

// Back to the environments' default panels.
export async function resetAppPanels(actor: CurrentUser, appId: string, context: RequestContext): Promise<void> {
  const app = await db.app.findUnique({ where: { id: appId }, include: { team: true } });
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  assertTeamAccess(actor, app.teamId);
  await db.$transaction(async (tx) => {
    const before = await tx.appGrafana.findUnique({ where: { appId } });
    if (!before) return;
    await tx.appGrafana.delete({ where: { appId } });
    await writeAudit(tx, {
      actor,
      action: "app.grafana.reset",
      target: { type: "app", id: app.id, label: `${app.team.name}/${app.name}` },
      before: { dashboardUid: before.dashboardUid, panels: before.panels },
      context,
    });
  });
}
