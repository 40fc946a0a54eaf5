import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { CELLS, type AppStatusCell } from "./app-status-sql";
import { withLiveCounts } from "./live-cells";

// The cells of the given apps (one page at most) in every environment, as the list page shows
// them (release table, refined by synced watch caches): what the live stream sends again.
export async function readAppStatuses(appIds: string[]): Promise<Map<string, AppStatusCell[]>> {
  if (appIds.length === 0) return new Map();
  const [rows, clusters] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; team: string; cells: AppStatusCell[] }[]>`
      WITH envs AS (SELECT id, name, position FROM environments)
      SELECT a.id::text AS id, a.name, t.name AS team, ${CELLS} AS cells
      FROM apps a JOIN teams t ON t.id = a.team_id
      WHERE a.id IN (${Prisma.join(appIds.map((id) => Prisma.sql`${id}::uuid`))})`,
    db.environment.findMany({
      select: {
        id: true,
        name: true,
        clusterMode: true,
        kubeconfigEncrypted: true,
        updatedAt: true,
        namespacePattern: true,
      },
    }),
  ]);
  return new Map(withLiveCounts(rows, clusters).map((row) => [row.id, row.cells]));
}
