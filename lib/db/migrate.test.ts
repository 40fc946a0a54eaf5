import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createDatabase } from "./embedded-postgres";
import { migrate, MigrationError } from "./migrate";

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "slipway-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function freshDatabase(name: string): Promise<string> {
  return createDatabase(inject("serverUrl"), name);
}

describe("migrate", () => {
  it("applies pending migrations in order, records them, and applies nothing the second time", async () => {
    const url = await freshDatabase("migrate_order");
    const dir = migrationsDir({
      "20260101000000_a": "CREATE TABLE a (id int primary key);",
      "20260102000000_b": "ALTER TABLE a ADD COLUMN name text NOT NULL DEFAULT 'x';",
    });
    const first = await migrate(url, dir);
    expect(first.applied).toEqual(["20260101000000_a", "20260102000000_b"]);
    const recorded = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(recorded.every((r) => r.finished_at && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    expect((await migrate(url, dir)).applied).toEqual([]);
  });

  it("stops at a failing migration with the SQL error and line, leaving the schema as it was", async () => {
    const url = await freshDatabase("migrate_failure");
    const dir = migrationsDir({
      "20260101000000_ok": "CREATE TABLE kept (id int);",
      "20260102000000_broken": "CREATE TABLE half_done (id int);\n\nALTER TABLE kept ADD COLUMN x int;\nSELEC 1;",
    });
    const error = await migrate(url, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /20260102000000_broken failed at line 4, column 1: syntax error at or near "SELEC"/,
    );
    const tables = await query<{ tablename: string }>(
      url,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations", "kept"]);
    const columns = await query<{ column_name: string }>(
      url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'kept'`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["id"]);
    const recorded = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["20260101000000_ok"]);
  });

  it("refuses to run when a landed migration was edited", async () => {
    const url = await freshDatabase("migrate_edited");
    const dir = migrationsDir({ "20260101000000_a": "CREATE TABLE a (id int);" });
    await migrate(url, dir);
    writeFileSync(join(dir, "20260101000000_a", "migration.sql"), "CREATE TABLE a (id bigint);");
    await expect(migrate(url, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it("refuses a database migrated by a newer checkout", async () => {
    const url = await freshDatabase("migrate_unknown");
    await migrate(url, migrationsDir({ "20260101000000_a": "SELECT 1;", "20260102000000_b": "SELECT 2;" }));
    await expect(migrate(url, migrationsDir({ "20260101000000_a": "SELECT 1;" }))).rejects.toThrow(
      /20260102000000_b applied, which is not in/,
    );
  });
});
