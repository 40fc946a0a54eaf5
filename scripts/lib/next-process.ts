import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startFront, type Front } from "./front";
import { root } from "./prepare";

// Starts the Next.js CLI under the same (pinned) Node, without the react-server condition the
// scripts themselves run with, and with the client-address rewriting of trusted-proxies.mjs in
// every Node process it starts (NODE_OPTIONS reaches the server process `next dev` forks).
// Its output goes to this terminal; with `logFile` also there (the end-to-end tests read it);
// with `output: "pipe"` to the caller instead. `nodeOptions` are added to every such process's.
export function startNext(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { logFile?: string; output?: "inherit" | "pipe"; nodeOptions?: string } = {},
): ChildProcess {
  const preload = pathToFileURL(join(root, "scripts", "lib", "trusted-proxies-preload.mjs")).href;
  const piped = options.logFile || options.output === "pipe";
  const child = spawn(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), ...args], {
    cwd: root,
    env: { ...env, NODE_OPTIONS: [`--import=${preload}`, options.nodeOptions].filter(Boolean).join(" ") },
    stdio: piped ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  if (options.logFile) {
    const log = createWriteStream(options.logFile);
    child.stdout?.on("data", (chunk: Buffer) => void (process.stdout.write(chunk), log.write(chunk)));
    child.stderr?.on("data", (chunk: Buffer) => void (process.stderr.write(chunk), log.write(chunk)));
  }
  return child;
}

// Stops Next and waits until it has exited (SIGKILL after `ms`): `next dev` writes .next/dev as
// it stops, and a new start must not meet a server that is still writing there.
export async function stopNext(child: ChildProcess, ms = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  await exited;
  clearTimeout(timer);
}

// A free loopback port (for the Next.js server behind the front, and tests).
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// `next start` behind the front (./front.ts) on `port`: how `npm start`, the end-to-end tests
// and the benchmarks serve Slipway. Next.js listens on a loopback port only the front uses, and
// trusts it (and only it, besides SLIPWAY_TRUSTED_PROXIES) for X-Forwarded-For. The front closes
// when Next.js exits.
export async function startServing(
  options: { port: number; hostname?: string },
  env: NodeJS.ProcessEnv,
  processOptions: Parameters<typeof startNext>[2] = {},
): Promise<{ next: ChildProcess; front: Front; upstream: string }> {
  const internal = await freePort();
  const next = startNext(
    ["start", "--port", String(internal), "--hostname", "127.0.0.1"],
    {
      ...env,
      SLIPWAY_TRUSTED_PROXIES: [env.SLIPWAY_TRUSTED_PROXIES, "127.0.0.1", "::1"].filter(Boolean).join(", "),
    },
    processOptions,
  );
  const upstream = `http://127.0.0.1:${internal}`;
  const front = await startFront({
    port: options.port,
    hostname: options.hostname,
    upstream,
    trustedProxies: env.SLIPWAY_TRUSTED_PROXIES,
    keepLoginPages: env.SLIPWAY_LOGIN_PAGE_CACHE !== "off",
    staticDir: join(root, ".next", "static"),
  });
  next.once("exit", () => void front.close());
  return { next, front, upstream };
}
