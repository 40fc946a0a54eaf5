// The end-to-end server's database and log (scripts/e2e-server.ts writes where they are).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { ROOT } from "./discover";

type ServerInfo = { databaseUrl: string; logFile: string };

function info(): ServerInfo {
  return JSON.parse(readFileSync(join(ROOT, ".data", "e2e-server.json"), "utf8")) as ServerInfo;
}

let pool: pg.Pool | undefined;

export function database(): pg.Pool {
  return (pool ??= new pg.Pool({ connectionString: info().databaseUrl, max: 2 }));
}

export async function closeDatabase(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await database().query<T>(text, values)).rows;
}

export function serverLog(): string {
  return readFileSync(info().logFile, "utf8");
}

// Tables whose rows only ever get added: their count says whether anything was written.
const APPEND_ONLY = new Set(["audit_events", "release_events", "manifests"]);

// Every table's row count, and a digest of the content of every table rows can change in: two
// snapshots that are equal mean that nothing was written in between.
export async function snapshot(): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  const parts = tables.map(({ name }) =>
    APPEND_ONLY.has(name)
      ? `SELECT '${name}' AS name, count(*)::text AS state FROM "${name}"`
      : `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS state FROM "${name}" t`,
  );
  const rows = await query<{ name: string; state: string }>(parts.join(" UNION ALL "));
  return Object.fromEntries(rows.map((row) => [row.name, row.state]));
}

// Tables that differ between two snapshots.
export function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

// Waits until no release is in progress (background followers finish theirs), so that a
// snapshot sees only what the next call does.
export async function releasesSettled(timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await query<{ busy: number }>(
      `SELECT count(*)::int AS busy FROM releases WHERE status IN ('pending', 'applying', 'progressing')`,
    );
    const [locks] = await query<{ held: number }>(`SELECT count(*)::int AS held FROM release_locks`);
    if (row!.busy === 0 && locks!.held === 0) return;
    if (Date.now() > deadline) throw new Error(`releases still in progress after ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
