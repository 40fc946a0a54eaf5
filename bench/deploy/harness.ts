// The Slipway under test: a fresh embedded PostgreSQL database, the shared test sandbox, and
// the production build served by `next start`, as the end-to-end server does it (scripts/).
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { join } from "node:path";
import asyncExitHook from "async-exit-hook";
import { createDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded-postgres";
import { ensureEnvironments, prepareData, root, waitForHttp } from "@/scripts/lib/prepare";
import { startTestSandbox, type Sandbox } from "@/scripts/lib/sandbox";
import { startServing } from "@/scripts/lib/next-process";
import { progress } from "./stats";

// Several checkouts on one machine each give the bench their own ports: SLIPWAY_BENCH_PORT /
// SLIPWAY_BENCH_PG_PORT (BENCH_NEXT_PORT, BENCH_PORT and BENCH_PG_PORT are read too).
const env = process.env;
export const NEXT_PORT = Number(env.SLIPWAY_BENCH_PORT ?? env.BENCH_NEXT_PORT ?? env.BENCH_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${NEXT_PORT}`;
const PG_PORT = Number(env.SLIPWAY_BENCH_PG_PORT ?? env.BENCH_PG_PORT ?? 54359);
export const ADMIN = { email: "bench-admin@slipway.test", password: "bench-admin-password-0123" };

// Fixed secrets: the database is thrown away after the run, and the bench process (which seals
// the environments' kubeconfig) and the server (which opens it) must agree on the key.
export function benchEnvironment(): void {
  Object.assign(process.env, {
    NEXTAUTH_URL: BASE_URL,
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
    SLIPWAY_ENCRYPTION_KEY: "be0c".repeat(16),
    SLIPWAY_ADMIN_EMAIL: ADMIN.email,
    SLIPWAY_ADMIN_PASSWORD: ADMIN.password,
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

// A `next build` of this checkout that someone else started: waited for, never run twice.
function buildRunning(): boolean {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (
        args.some((arg) => arg.endsWith("next")) &&
        args.includes("build") &&
        readlinkSync(`/proc/${pid}/cwd`) === root
      )
        return true;
    } catch {
      // gone, or not ours to read
    }
  }
  return false;
}

async function ensureBuild(): Promise<void> {
  while (buildRunning()) {
    progress("a `next build` of this checkout is running; waiting for it to finish");
    await sleep(15_000);
  }
  // A build from before POST /api/releases existed cannot be measured either.
  const missing = [".next/BUILD_ID", ".next/server/app/api/releases/route.js"].find(
    (path) => !existsSync(join(root, path)),
  );
  if (!missing) return;
  progress(`no usable production build (${missing} missing): running \`next build\`, about 1-2 minutes`);
  const { NODE_OPTIONS: _dropped, ...env } = process.env;
  const built = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (built.status !== 0) throw new Error(`next build failed (exit ${built.status ?? built.signal})`);
}

export type Harness = { start: () => Promise<Sandbox>; stop: () => Promise<void> };

export function benchHarness(): Harness {
  // The bench stops its servers itself, also on Ctrl-C; embedded-postgres's own signal handler
  // would stop PostgreSQL under the running bench and exit before the cleanup is done.
  asyncExitHook.unhookEvent("SIGINT");
  asyncExitHook.unhookEvent("SIGTERM");
  const dataDir = join(root, ".data", "bench-postgres");
  let database: EmbeddedDatabase | undefined;
  let next: ChildProcess | undefined;
  const stop = async () => {
    const child = next;
    next = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    const stopping = database;
    database = undefined;
    await stopping?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const start = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    progress(`starting PostgreSQL (port ${PG_PORT}, ${dataDir}, removed afterwards)`);
    database = await startEmbeddedPostgres({ dataDir, port: PG_PORT, ephemeral: true });
    process.env.DATABASE_URL = await createDatabase(database.url, "slipway_bench");
    await prepareData(process.env.DATABASE_URL);
    const sandbox = startTestSandbox();
    await ensureEnvironments(sandbox.slipwayKubeconfig);
    // A rebuild by someone else can pull .next away under a starting server: try again later.
    for (let attempt = 1; ; attempt++) {
      await ensureBuild();
      progress(`starting next on ${BASE_URL} (attempt ${attempt})`);
      // SLIPWAY_BENCH_PROFILE=<dir>: the server writes V8 CPU profiles there when it stops
      // (one per Node process; open them in Chrome DevTools' Performance panel).
      // SLIPWAY_BENCH_NODE_OPTIONS: more options for the server's Node processes (an --import that
      // counts queries, say).
      const profile = process.env.SLIPWAY_BENCH_PROFILE;
      const nodeOptions = [
        profile ? `--cpu-prof --cpu-prof-dir=${profile}` : "",
        process.env.SLIPWAY_BENCH_NODE_OPTIONS ?? "",
      ]
        .filter(Boolean)
        .join(" ");
      // As `npm start` serves: behind the front (scripts/lib/front.ts).
      const { next: child } = await startServing(
        { port: NEXT_PORT, hostname: "127.0.0.1" },
        { ...process.env, NODE_ENV: "production" },
        nodeOptions ? { nodeOptions } : {},
      );
      next = child;
      const exited = new Promise<false>((resolve) => child.once("exit", () => resolve(false)));
      if (await Promise.race([waitForHttp(`${BASE_URL}/api/health`, 120_000), exited])) return sandbox;
      child.kill("SIGTERM");
      if (attempt === 4) throw new Error("next start did not come up");
      progress("next start failed (a build in progress?); retrying in 30 s");
      await sleep(30_000);
    }
  };
  return { start, stop };
}
