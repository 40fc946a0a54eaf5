// Starts the embedded PostgreSQL server once per `vitest run`, creates a fresh database and
// applies the migrations. Tests reach it through DATABASE_URL (test/setup-env.ts).
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { startTestSandbox, type Sandbox } from "../scripts/lib/sandbox";

const root = join(import.meta.dirname, "..");

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
    sandbox: Sandbox;
  }
}

export default async function setup(project: TestProject) {
  // Another port gets its own data directory, so two runs can go side by side.
  const port = Number(process.env.SLIPWAY_TEST_PG_PORT ?? 54339);
  const server = await startEmbeddedPostgres({
    dataDir: join(root, ".data", port === 54339 ? "test-postgres" : `test-postgres-${port}`),
    port,
    ephemeral: true,
  });
  const databaseUrl = await createDatabase(server.url, `slipway_test_${randomBytes(4).toString("hex")}`);
  await migrate(databaseUrl, join(root, "prisma", "migrations"));
  project.provide("databaseUrl", databaseUrl);
  project.provide("serverUrl", server.url);
  // Left running: `npm test` stops it after the end-to-end tests, which use it too.
  project.provide("sandbox", startTestSandbox());
  return async () => {
    await server.stop();
  };
}
