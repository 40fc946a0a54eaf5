// `npm start`: like `npm run dev` but a production build (`next build` if missing, then
// `next start`). It needs NEXTAUTH_SECRET and SLIPWAY_ENCRYPTION_KEY (the same on every
// replica); in a container, set DATABASE_URL too.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ensureEnvironments, prepareData, prepareDatabase, requireSecrets, root } from "./lib/prepare";
import { startServing } from "./lib/next-process";
import { step } from "./lib/log";

try {
  requireSecrets();
} catch (error) {
  console.error(`\n[slipway] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const dataDir = join(root, ".data");
const port = Number(process.env.PORT ?? 3000);
const database = await prepareDatabase({
  dataDir: join(dataDir, "postgres"),
  port: Number(process.env.SLIPWAY_PG_PORT ?? 54329),
  database: "slipway",
});
process.env.DATABASE_URL = database.databaseUrl;
await prepareData(database.databaseUrl);
// In production the cluster comes from KUBECONFIG (or environments are added in the console).
if (process.env.KUBECONFIG) await ensureEnvironments(process.env.KUBECONFIG);
if (!existsSync(join(root, ".next", "BUILD_ID"))) {
  step("building (next build)");
  const build = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Behind the front (scripts/lib/front.ts), which answers the sign-in page whatever the load.
const { next, upstream } = await startServing({ port }, { ...process.env, NODE_ENV: "production" });
step(`console on http://localhost:${port} (Next.js behind it on ${upstream}, for the front only)`);
// Once, however many signals arrive (see scripts/dev.ts).
let stopping: Promise<void> | undefined;
const stop = (code: number) => {
  next.kill("SIGTERM");
  stopping ??= database.stop().then(() => process.exit(code));
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(0));
next.on("exit", (code) => stop(code ?? 0));
