// Slipway as a real process for fault tests: `next start` of the production build on a free
// port, against a given database, killed or stopped like a process in production would be.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type SlipwayServer = {
  name: string;
  url: string;
  pid: number;
  // Resolves with the exit code (or signal) once the process has ended.
  exited: Promise<string>;
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
};

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${url}: the server exited while starting`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url}: not answering /api/health within ${timeoutMs / 1000} s`);
}

// Starts one Slipway server; its output goes to .data/faults/<name>.log.
export async function startSlipway(
  name: string,
  options: { databaseUrl: string; env?: Record<string, string>; port?: number },
): Promise<SlipwayServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logs = join(root, ".data", "faults");
  mkdirSync(logs, { recursive: true });
  const log = createWriteStream(join(logs, `${name}.log`));
  const { NODE_OPTIONS: _dropped, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [
      join(root, "node_modules", "next", "dist", "bin", "next"),
      "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: root,
      env: {
        ...env,
        ...options.env,
        NODE_ENV: "production",
        DATABASE_URL: options.databaseUrl,
        NEXTAUTH_URL: url,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? String(code))),
  );
  const spawned = Date.now();
  await waitForHealth(url, child, 180_000);
  console.log(`[faults] ${name}: answering ${((Date.now() - spawned) / 1000).toFixed(1)} s after it was started`);
  return {
    name,
    url,
    pid: child.pid!,
    exited,
    kill: (signal) => child.kill(signal),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// The session cookie of a person signing in with email and password, as a browser would.
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const name = "next-auth.session-token=";
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith(name));
  if (!session) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return session.split(";")[0]!;
}
