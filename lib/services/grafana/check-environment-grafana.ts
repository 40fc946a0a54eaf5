import "server-only";
import { db, type Prisma } from "@/lib/db";
import { openSecret } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import type { GrafanaCheck } from "@/lib/grafana/problems";
import { slipwayUrl } from "@/lib/grafana/slipway-url";
import { checkGrafana } from "@/lib/integrations/grafana/check-grafana";
import { grafanaTokenPlace, toGrafanaSettingsView } from "./grafana-settings-view";

// Checks an environment's Grafana from the server and keeps the result as its status, like the
// cluster's connection check: an observation, not a change anybody made, so not audited.
export async function checkEnvironmentGrafana(environmentId: string): Promise<GrafanaCheck | null> {
  const row = await db.environmentGrafana.findUnique({ where: { environmentId } });
  if (!row) {
    // No Grafana set up is an answer; an environment that does not exist is not.
    const environment = await db.environment.findUnique({ where: { id: environmentId }, select: { id: true } });
    if (!environment) throw new AppError("not_found", "Unknown environment.", { field: "environmentId" });
    return null;
  }
  const settings = toGrafanaSettingsView(row);
  const check = await checkGrafana(
    {
      baseUrl: settings.baseUrl,
      orgId: settings.orgId,
      dashboardUid: settings.dashboardUid,
      panelId: settings.panels[0]?.id ?? 1,
      token: row.tokenEncrypted ? openSecret(row.tokenEncrypted, grafanaTokenPlace(environmentId)) : null,
    },
    slipwayUrl(),
  );
  // Only if the settings are still those that were checked.
  await db.environmentGrafana.updateMany({
    where: { environmentId, updatedAt: row.updatedAt },
    data: { checkedAt: new Date(), checkResult: check as unknown as Prisma.InputJsonValue, updatedAt: row.updatedAt },
  });
  return check;
}
