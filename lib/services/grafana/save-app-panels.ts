import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import type { AppGrafanaInput } from "@/lib/validations/grafana";
import { assertTeamAccess } from "@/lib/services/apps/assert-team-access";

// An app's own Grafana panels (another dashboard, or the environment's with other panels or
// another order), shown in every environment. Members of the app's team, ops and admins.
export async function saveAppPanels(
  actor: CurrentUser,
  input: AppGrafanaInput,
  context: RequestContext,
): Promise<void> {
  const app = await db.app.findUnique({ where: { id: input.appId }, include: { team: true } });
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  assertTeamAccess(actor, app.teamId);
  const data = {
    dashboardUid: input.dashboard === "custom" ? (input.dashboardUid ?? null) : null,
    panels: input.panels as Prisma.InputJsonValue,
  };
  await db.$transaction(async (tx) => {
    const before = await tx.appGrafana.findUnique({ where: { appId: app.id } });
    await tx.appGrafana.upsert({ where: { appId: app.id }, create: { appId: app.id, ...data }, update: data });
    await writeAudit(tx, {
      actor,
      action: "app.grafana.update",
      target: { type: "app", id: app.id, label: `${app.team.name}/${app.name}` },
      before: before ? { dashboardUid: before.dashboardUid, panels: before.panels } : undefined,
      after: data,
      context,
    });
  });
}
