import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createDatabase } from "./embedded-postgres";
import { migrate } from "./migrate";

const MIGRATIONS = join(process.cwd(), "prisma", "migrations");
const GRAFANA = "20261201233409_grafana_settings_and_markers";

// The migrations up to (without) the Grafana one, as a directory of their own.
function migrationsBefore(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "slipway-migrations-"));
  for (const entry of readdirSync(MIGRATIONS).filter((e) => /^\d{14}_/.test(e) && e < name)) {
    cpSync(join(MIGRATIONS, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

describe("the Grafana settings migration", () => {
  it("moves each environment's Grafana base URL into its Grafana settings, with the built-in dashboard", async () => {
    const url = await createDatabase(inject("serverUrl"), "grafana_migration");
    const before = migrationsBefore(GRAFANA);
    await migrate(url, before);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO environments (id, name, display_name, grafana_base_url, updated_at) VALUES
        ('00000000-0000-4000-8000-000000000001', 'prod', 'Production', 'https://grafana.example.com', now()),
        ('00000000-0000-4000-8000-000000000002', 'dev', 'Development', NULL, now())`);
      cpSync(join(MIGRATIONS, GRAFANA), join(before, GRAFANA), { recursive: true });
      expect((await migrate(url, before)).applied).toEqual([GRAFANA]);
      const { rows } = await client.query(
        "SELECT environment_id, base_url, org_id, dashboard_uid, panels, variables, token_encrypted FROM environment_grafana",
      );
      expect(rows).toEqual([
        {
          environment_id: "00000000-0000-4000-8000-000000000001",
          base_url: "https://grafana.example.com",
          org_id: 1,
          dashboard_uid: null,
          panels: null,
          variables: null,
          token_encrypted: null,
        },
      ]);
      const columns = await client.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'environments' AND column_name = 'grafana_base_url'",
      );
      expect(columns.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
