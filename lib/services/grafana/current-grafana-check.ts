import "server-only";
import { db } from "@/lib/db";
import type { GrafanaCheck } from "@/lib/grafana/problems";
import { checkEnvironmentGrafana } from "./check-environment-grafana";

const FRESH_MS = 5 * 60_000;
const running = new Map<string, Promise<GrafanaCheck | null>>();

// What the monitoring tab explains: the last check if it is recent and of the current settings,
// otherwise a new one (one at a time per environment in this process).
export async function currentGrafanaCheck(environmentId: string): Promise<GrafanaCheck | null> {
  const row = await db.environmentGrafana.findUnique({
    where: { environmentId },
    select: { checkedAt: true, checkResult: true, updatedAt: true },
  });
  if (!row) return null;
  if (row.checkedAt && row.checkedAt >= row.updatedAt && Date.now() - row.checkedAt.getTime() < FRESH_MS) {
    return row.checkResult as GrafanaCheck | null;
  }
  let check = running.get(environmentId);
  if (!check) {
    check = checkEnvironmentGrafana(environmentId).finally(() => running.delete(environmentId));
    running.set(environmentId, check);
  }
  return check;
}
