// Applies the committed SQL migrations under prisma/migrations/ in order, each in its own
// transaction, recorded in Prisma's `_prisma_migrations` table (same columns and checksum,
// so `prisma migrate status` elsewhere reads the same history). Runs at start-up of every
// Slipway process; an advisory lock makes concurrent replicas wait for each other.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

// The lock key Prisma Migrate itself uses, so Slipway and the Prisma CLI never overlap.
const MIGRATION_LOCK_KEY = 72707369;

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// Turns a character offset reported by PostgreSQL into "line L, column C" of the file.
function positionOf(sql: string, position: string | undefined): string {
  const offset = Number(position);
  if (!Number.isFinite(offset) || offset <= 0) return "";
  const before = sql.slice(0, offset - 1).split("\n");
  return ` at line ${before.length}, column ${(before[before.length - 1] ?? "").length + 1}`;
}

export type MigrateResult = { applied: string[]; total: number };

export async function migrate(
  databaseUrl: string,
  migrationsDir: string,
  log: (line: string) => void = () => {},
): Promise<MigrateResult> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    for (const name of applied.keys()) {
      if (!known.has(name)) {
        throw new MigrationError(
          `The database has migration ${name} applied, which is not in ${migrationsDir}. ` +
            "Is this an older checkout of Slipway than the one that migrated this database?",
          name,
        );
      }
    }
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was edited after it was applied (checksum differs). ` +
              "Landed migrations are never edited: add a new migration instead.",
            migration.name,
          );
        }
        continue;
      }
      log(`applying migration ${migration.name}`);
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const pgError = error as { message?: string; position?: string };
        throw new MigrationError(
          `Migration ${migration.name} failed${positionOf(migration.sql, pgError.position)}: ${pgError.message ?? String(error)}. ` +
            "It was rolled back; the schema is as it was before.",
          migration.name,
        );
      }
      done.push(migration.name);
    }
    return { applied: done, total: migrations.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
