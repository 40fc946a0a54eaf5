import "server-only";
import { db } from "@/lib/db";
import { toGrafanaSettingsView, type GrafanaSettingsView } from "./grafana-settings-view";

export async function getGrafanaSettings(environmentId: string): Promise<GrafanaSettingsView | null> {
  const row = await db.environmentGrafana.findUnique({ where: { environmentId } });
  return row ? toGrafanaSettingsView(row) : null;
}
