// The server Playwright starts (playwright.config.ts `webServer`): a fresh embedded PostgreSQL
// database, migrations, the admin with the password the tests know, and the production build
// (`next start` behind the front, as `npm start` serves) on E2E_PORT. The database URL and the server's log file are written to
// .data/e2e-server.json for the tests that count rows or read the log (e2e/security).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { ensureEnvironments, prepareData, root } from "./lib/prepare";
import { startTestSandbox } from "./lib/sandbox";
import { startServing } from "./lib/next-process";

const dataDir = join(root, ".data", "e2e-postgres");
rmSync(dataDir, { recursive: true, force: true });
const server = await startEmbeddedPostgres({
  dataDir,
  port: Number(process.env.E2E_PG_PORT ?? 54349),
  ephemeral: true,
});
process.env.DATABASE_URL = await createDatabase(server.url, "slipway_e2e");
await prepareData(process.env.DATABASE_URL);
const sandbox = startTestSandbox();
await ensureEnvironments(sandbox.slipwayKubeconfig);
process.env.E2E_SLIPWAY_KUBECONFIG = sandbox.slipwayKubeconfig;
const logFile = join(root, ".data", "e2e-server.log");
writeFileSync(
  join(root, ".data", "e2e-server.json"),
  JSON.stringify({ databaseUrl: process.env.DATABASE_URL, logFile }),
);
// As `npm start` serves: behind the front (scripts/lib/front.ts).
const { next } = await startServing(
  { port: Number(process.env.E2E_PORT ?? 3100) },
  { ...process.env, NODE_ENV: "production" },
  { logFile },
);
const stop = () => {
  next.kill("SIGTERM");
  void server.stop().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", (code) => void server.stop().then(() => process.exit(code ?? 1)));
