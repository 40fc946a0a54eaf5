import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createDatabase } from "./embedded-postgres";
import { migrate } from "./migrate";

const MIGRATIONS = join(import.meta.dirname, "..", "..", "prisma", "migrations");
const BUILD_CHAIN = readdirSync(MIGRATIONS).find((name) => name.endsWith("_build_chain"))!;

// The migrations up to (not including) the build chain's, as a database had them before it.
function migrationsBefore(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "slipway-migrations-"));
  for (const entry of readdirSync(MIGRATIONS).filter((entry) => /^\d{14}_/.test(entry) && entry < name))
    cpSync(join(MIGRATIONS, entry), join(dir, entry), { recursive: true });
  return dir;
}

describe("the build chain's migration", () => {
  it("turns each environment's free-text image registry into a registry of that host, one per host", async () => {
    const url = await createDatabase(inject("serverUrl"), "migrate_build_chain");
    const before = migrationsBefore(BUILD_CHAIN);
    await migrate(url, before);
    rmSync(before, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`
        INSERT INTO environments (id, name, display_name, image_registry, updated_at) VALUES
          (gen_random_uuid(), 'dev', 'dev', 'harbor.example.com:8443/team', now()),
          (gen_random_uuid(), 'test', 'test', 'harbor.example.com:8443', now()),
          (gen_random_uuid(), 'prod', 'prod', 'Registry.Prod.example.com', now()),
          (gen_random_uuid(), 'lab', 'lab', NULL, now()),
          (gen_random_uuid(), 'blank', 'blank', '', now())`);
      expect((await migrate(url, MIGRATIONS)).applied).toContain(BUILD_CHAIN);
      const registries = await client.query<{ name: string; kind: string; url: string }>(
        "SELECT name, kind::text, url FROM registries ORDER BY name",
      );
      expect(registries.rows).toEqual([
        { name: "harbor.example.com:8443", kind: "oci", url: "https://harbor.example.com:8443" },
        { name: "registry.prod.example.com", kind: "oci", url: "https://registry.prod.example.com" },
      ]);
      const environments = await client.query<{ name: string; registry: string | null }>(`
        SELECT e.name, r.name AS registry FROM environments e LEFT JOIN registries r ON r.id = e.registry_id
        ORDER BY e.name`);
      expect(Object.fromEntries(environments.rows.map((row) => [row.name, row.registry]))).toEqual({
        blank: null,
        dev: "harbor.example.com:8443",
        lab: null,
        prod: "registry.prod.example.com",
        test: "harbor.example.com:8443",
      });
      const column = await client.query(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'environments' AND column_name = 'image_registry'",
      );
      expect(column.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
