// A real Alertmanager (Debian's prometheus-alertmanager 0.25) on loopback for tests and
// benchmarks: a generated config whose only receiver is Slipway's webhook with a bearer token,
// fast grouping, its own storage in a temporary directory, clustering off. Alerts go in through
// its own API (POST /api/v2/alerts), as Prometheus would send them.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";

export type PostableAlert = {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
};

export type Alertmanager = {
  url: string;
  post(alerts: PostableAlert[]): Promise<void>;
  silences(): Promise<
    { id: string; status: { state: string }; createdBy: string; matchers: { name: string; value: string }[] }[]
  >;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function config(webhookUrl: string, token: string, groupBy: string[]): string {
  return [
    "route:",
    "  receiver: slipway",
    `  group_by: [${groupBy.map((label) => `'${label}'`).join(", ")}]`,
    "  group_wait: 1s",
    "  group_interval: 1s",
    "  repeat_interval: 1h",
    "receivers:",
    "  - name: slipway",
    "    webhook_configs:",
    `      - url: '${webhookUrl}'`,
    "        send_resolved: true",
    "        http_config:",
    "          authorization:",
    "            type: Bearer",
    `            credentials: '${token}'`,
    "",
  ].join("\n");
}

// Starts Alertmanager sending to `webhookUrl` and waits until it is ready. `groupBy` defaults to
// every label ('...'): each alert its own group, so a test sees each one at once.
export async function startAlertmanager(options: {
  webhookUrl: string;
  token: string;
  groupBy?: string[];
}): Promise<Alertmanager> {
  const dir = mkdtempSync(join(tmpdir(), "slipway-alertmanager-"));
  const configFile = join(dir, "alertmanager.yml");
  writeFileSync(configFile, config(options.webhookUrl, options.token, options.groupBy ?? ["..."]));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    ALERTMANAGER_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + 30_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`alertmanager not ready after 30 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async post(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(alerts),
      });
      if (!response.ok) throw new Error(`alertmanager refused the alerts: ${response.status} ${await response.text()}`);
    },
    async silences() {
      return (await (await fetch(`${url}/api/v2/silences`)).json()) as Awaited<ReturnType<Alertmanager["silences"]>>;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
