// `npm run dev`: embedded PostgreSQL (unless DATABASE_URL), migrations, first admin, then
// `next dev`. Ctrl-C stops everything it started.
import { join } from "node:path";
import { ensureEnvironments, prepareData, ensureSecrets, prepareDatabase, root, waitForHttp } from "./lib/prepare";
import { startNext, stopNext } from "./lib/next-process";
import { startSandbox, stopSandbox, type Sandbox } from "./lib/sandbox";
import { step } from "./lib/log";

const dataDir = join(root, ".data");
const port = Number(process.env.PORT ?? 3000);
const started = Date.now();

const database = await prepareDatabase({
  dataDir: join(dataDir, "postgres"),
  port: Number(process.env.SLIPWAY_PG_PORT ?? 54329),
  database: "slipway",
});
let next: ReturnType<typeof startNext> | undefined;
let sandbox: Sandbox | undefined;

// Once, however many signals arrive (Ctrl-C reaches this process from the terminal and again
// from scripts/bootstrap.mjs, which hands signals on).
let stopping: Promise<never> | undefined;
function shutdown(code: number): Promise<never> {
  return (stopping ??= (async () => {
    if (next) await stopNext(next);
    if (sandbox) stopSandbox(sandbox);
    await database.stop();
    process.exit(code);
  })());
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

try {
  process.env.DATABASE_URL = database.databaseUrl;
  ensureSecrets(dataDir);
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  await prepareData(database.databaseUrl);
  if (!process.env.KUBECONFIG) {
    sandbox = startSandbox(join(dataDir, "sandbox"), Number(process.env.SANDBOX_PORT ?? 16443));
  }
  await ensureEnvironments(process.env.KUBECONFIG ?? sandbox!.slipwayKubeconfig);
} catch (error) {
  console.error(`\n[slipway] start-up stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
}

step(`starting Next.js (development) on port ${port}`);
next = startNext(["dev", "--port", String(port)], { ...process.env, NODE_ENV: "development" });
next.on("exit", (code) => void shutdown(code ?? 0));

if (await waitForHttp(`http://localhost:${port}/api/health`, 180_000)) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      "",
      `  Slipway is running at http://localhost:${port}  (ready in ${seconds}s)`,
      `  Sign in as ${process.env.SLIPWAY_ADMIN_EMAIL ?? "admin@slipway.local"} with the password printed on the first start`,
      "  (or SLIPWAY_ADMIN_PASSWORD). Ctrl-C stops the console, the database and the sandbox cluster.",
      sandbox
        ? `  Sandbox cluster: sandbox/ctl.sh kubectl get nodes   (admin kubeconfig: ${sandbox.adminKubeconfig})`
        : "",
      "",
    ].join("\n"),
  );
}
