import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { APP_PAGE_SIZE, encodeAppListCursor, type AppListQuery } from "@/lib/validations/app-list";
import { CELLS, hasStatus, type AppStatusCell } from "./app-status-sql";
import { withLiveCounts, type ListCluster } from "./live-cells";

export type AppListRow = { id: string; name: string; team: string; cells: AppStatusCell[] };

export type AppListPage = {
  rows: AppListRow[];
  total: number;
  page: number;
  pages: number;
  // Where the next and previous pages start (null: there is none).
  next: string | null;
  previous: string | null;
  // For the filters: every team and environment (names), in display order.
  teams: string[];
  environments: string[];
};

const like = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;
const key = (row: AppListRow) => encodeAppListCursor({ team: row.team, name: row.name, id: row.id });

// One page of the app list with every app's status per environment, in one statement: the
// filters, the count, the page, its cells and the filter choices. The page is read by keyset
// (after the last row of the page before, or before the first row of the page after), so page 200
// costs what page 1 does: the planner walks teams by name and each team's apps by its (team, name)
// index until it has 51 rows. Only a page number without a cursor (typed by hand) is an OFFSET.
// A status filter still probes each matching app's latest release per environment.
export async function listAppPage(query: AppListQuery): Promise<AppListPage> {
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  if (query.q) where.push(Prisma.sql`a.name ILIKE ${like(query.q)}`);
  if (query.team) where.push(Prisma.sql`t.name = ${query.team}`);
  if (query.status) where.push(hasStatus(query.status));
  const envFilter = query.env ? Prisma.sql`name = ${query.env}` : Prisma.sql`true`;
  const filters = Prisma.join(where, " AND ");
  const backwards = Boolean(query.before && !query.after);
  const cursor = query.after ?? query.before;
  // The row comparison keeps ties in order (team and name are unique together; id breaks any
  // tie); the plain `t.name` bound lets the teams' name index start at the cursor's team.
  const from = !cursor
    ? Prisma.sql`true`
    : backwards
      ? Prisma.sql`t.name <= ${cursor.team} AND (t.name, a.name, a.id) < (${cursor.team}, ${cursor.name}, ${cursor.id}::uuid)`
      : Prisma.sql`t.name >= ${cursor.team} AND (t.name, a.name, a.id) > (${cursor.team}, ${cursor.name}, ${cursor.id}::uuid)`;
  const order = backwards ? Prisma.sql`t.name DESC, a.name DESC, a.id DESC` : Prisma.sql`t.name, a.name, a.id`;
  const offset = cursor ? 0 : (query.page - 1) * APP_PAGE_SIZE;
  const [result] = await db.$queryRaw<
    { page: { total: number; more: boolean; rows: AppListRow[]; teams: string[]; clusters: ListCluster[] } }[]
  >`
    WITH envs AS (SELECT id, name, position FROM environments WHERE ${envFilter}),
    -- One row more than a page, to know whether there is another page in this direction.
    matched AS (
      SELECT a.id, a.name, t.name AS team
      FROM apps a JOIN teams t ON t.id = a.team_id
      WHERE ${filters} AND ${from}
      ORDER BY ${order}
      LIMIT ${APP_PAGE_SIZE + 1} OFFSET ${offset}
    ),
    shown AS (SELECT * FROM matched a ORDER BY ${Prisma.raw(backwards ? "a.team DESC, a.name DESC, a.id DESC" : "a.team, a.name, a.id")} LIMIT ${APP_PAGE_SIZE})
    SELECT json_build_object(
      'total', (SELECT count(*) FROM apps a JOIN teams t ON t.id = a.team_id WHERE ${filters}),
      'more', (SELECT count(*) FROM matched) > ${APP_PAGE_SIZE},
      'rows', COALESCE((
        SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'team', a.team, 'cells', ${CELLS})
          ORDER BY a.team, a.name, a.id)
        FROM shown a
      ), '[]'::json),
      'teams', COALESCE((SELECT json_agg(name ORDER BY name) FROM teams), '[]'::json),
      -- Where each environment's cluster is, for its watch caches (never leaves the server).
      'clusters', COALESCE((
        SELECT json_agg(json_build_object('id', id, 'name', name, 'clusterMode', cluster_mode,
          'kubeconfigEncrypted', kubeconfig_encrypted, 'updatedAt', updated_at, 'namespacePattern', namespace_pattern)
          ORDER BY position, name)
        FROM environments
      ), '[]'::json)
    ) AS page`;
  const page = result!.page;
  const clusters = page.clusters.map((cluster) => ({ ...cluster, updatedAt: new Date(cluster.updatedAt) }));
  const total = Number(page.total);
  const pages = Math.max(1, Math.ceil(total / APP_PAGE_SIZE));
  const rows = page.rows;
  // Going back and finding no page before this one means this is page 1, whatever the URL said.
  const first = backwards ? !page.more : !cursor && query.page === 1;
  const last = backwards ? false : !page.more;
  return {
    rows: withLiveCounts(rows, clusters),
    total,
    page: first ? 1 : Math.min(query.page, pages),
    pages,
    next: !last && rows.length > 0 ? key(rows.at(-1)!) : null,
    previous: !first && rows.length > 0 ? key(rows[0]!) : null,
    teams: page.teams,
    environments: clusters.map((cluster) => cluster.name),
  };
}
