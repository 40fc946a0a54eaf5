// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the
// database from the last migrated datamodel (prisma/migrations/schema.snapshot.prisma) to the
// current prisma/schema.prisma, then updates the snapshot. Review the SQL before committing;
// add by hand what Prisma cannot express (triggers, checks).
//   node scripts/bootstrap.mjs ... or: npx tsx scripts/db-new-migration.ts <name>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { createDatabase, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { diffDatamodels, isEmptyMigration } from "../lib/db/schema-diff";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npx tsx scripts/db-new-migration.ts <snake_case_name>");
  process.exit(2);
}
const dir = join(process.cwd(), "prisma", "migrations");
const snapshotFile = join(dir, "schema.snapshot.prisma");
const current = readFileSync(join(process.cwd(), "prisma", "schema.prisma"), "utf8");
const previous = existsSync(snapshotFile) ? readFileSync(snapshotFile, "utf8") : null;
const scratch = await startEmbeddedPostgres({
  dataDir: join(tmpdir(), `slipway-migration-${process.pid}`),
  port: 54398,
  ephemeral: true,
});
let sql: string;
try {
  sql = await diffDatamodels(previous, current, await createDatabase(scratch.url, "scratch"));
} finally {
  await scratch.stop();
}
if (isEmptyMigration(sql)) {
  console.log("schema.prisma matches the migrations: nothing to do");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(join(target, "migration.sql"), sql);
writeFileSync(snapshotFile, current);
if (!existsSync(join(dir, "migration_lock.toml"))) {
  writeFileSync(join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`wrote ${join(target, "migration.sql")}`);
