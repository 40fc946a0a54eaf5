import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { diffCatalogs, readCatalog } from "./catalog";
import { createDatabase } from "./embedded-postgres";
import { diffDatamodels } from "./schema-diff";

const root = join(import.meta.dirname, "..", "..");
const schema = readFileSync(join(root, "prisma", "schema.prisma"), "utf8");

// Builds a database straight from a datamodel (Prisma's own SQL for it), to compare with the
// database the committed migrations built.
async function databaseFromDatamodel(name: string, datamodel: string): Promise<string> {
  const url = await createDatabase(inject("serverUrl"), name);
  const sql = await diffDatamodels(null, datamodel, url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
  return url;
}

describe("schema.prisma and prisma/migrations", () => {
  it("the migrations build exactly the schema that schema.prisma describes", async () => {
    const expected = await readCatalog(await databaseFromDatamodel("drift_expected", schema));
    const actual = await readCatalog(inject("databaseUrl"));
    expect(diffCatalogs(expected, actual), "add a migration: npx tsx scripts/db-new-migration.ts <name>").toEqual([]);
  });

  it("would notice a schema change that has no migration", async () => {
    const changed = schema.replace(/model Team \{\n/, "model Team {\n  costCenter String?\n");
    expect(changed).not.toBe(schema);
    const expected = await readCatalog(await databaseFromDatamodel("drift_changed", changed));
    const actual = await readCatalog(inject("databaseUrl"));
    expect(diffCatalogs(expected, actual)).toEqual([
      expect.stringMatching(/^missing: column teams\.costCenter text null/),
    ]);
  });

  it("the Prisma client can query every model on the migrated database", async () => {
    const models = Object.values(Prisma.ModelName);
    expect(models.length).toBeGreaterThanOrEqual(6);
    for (const model of models) {
      const delegate = (db as unknown as Record<string, { findMany: (args: object) => Promise<unknown[]> }>)[
        model.charAt(0).toLowerCase() + model.slice(1)
      ];
      await expect(delegate!.findMany({ take: 1 }), model).resolves.toBeInstanceOf(Array);
    }
  });
});
