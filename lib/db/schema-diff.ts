// SQL that turns one Prisma datamodel into another, computed offline by Prisma's own schema
// engine compiled to WebAssembly (the native engine cannot be downloaded here). Used to write
// new migrations and by the test that keeps schema.prisma and the migrations in agreement.
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";

const SCHEMA_PATH = "prisma/schema.prisma";

// A diff between two datamodels reads no tables, but the engine connects once at start, so
// it is given a (scratch) PostgreSQL database.
export async function diffDatamodels(from: string | null, to: string, databaseUrl: string): Promise<string> {
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, to]] }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from:
        from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: to }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}

export function isEmptyMigration(sql: string): boolean {
  return sql.replace(/^--.*$/gm, "").trim() === "";
}
