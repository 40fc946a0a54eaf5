// A real Gateway API data plane for tests and benchmarks (GATEWAY.md): a private network
// namespace where kwok's pod CIDR is a local route, a sandbox inside it, Traefik (Kubernetes
// Gateway + ingress-nginx providers, built by sandbox/gateway/build-traefik.sh) routing to pod
// IPs, and sandbox/gateway/podsim.mjs answering "pod=<ns>/<name>" on each Running pod's IP.
// Nothing can leave the namespace (it has only `lo`); this process reaches its apiserver and
// Traefik through loopback ports relayed to Unix sockets relayed into the namespace
// (sandbox/gateway/netns-relay.mjs).
// Needs root, as CI has. A run killed half-way leaves a namespace the next start clears.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
// Inside the namespace nothing else listens, so the ports can be fixed.
const APISERVER_PORT = 16443;
const ENTRYPOINT_PORT = 18080; // = the Gateway listener's port (sandbox/gateway/traefik.yaml)
const POD_CIDR = "10.244.0.0/16";

export const TEST_GATEWAY = { name: "edge", namespace: "slipway-gateway", sectionName: "http" } as const;
export const TEST_INGRESS_CLASS = "nginx";

export type GatewayResponse = { status: number; body: string };
export type GatewayHarness = {
  /** A kubeconfig for the namespace's apiserver that works from this process. */
  kubeconfig(which: "admin" | "slipway"): string;
  /** An HTTP GET through Traefik's entrypoint. */
  get(host: string, path: string, headers?: Record<string, string>): Promise<GatewayResponse>;
  /** The ends of Traefik's log, for failure messages. */
  traefikLog(): string;
  stop(): Promise<void>;
};

function progress(message: string): void {
  process.stderr.write(`[gateway ${new Date().toTimeString().slice(0, 8)}] ${message}\n`);
}

function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : `(no ${file})`;
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): string {
  const result = spawnSync(command, args, {
    cwd: root,
    env: options.env ?? process.env,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stderr}`,
    );
  return result.stdout;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, log?: string) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `gateway harness: ${what} did not happen within ${timeoutMs / 1000}s${last ? ` (last: ${last})` : ""}` +
      (log ? `\n--- ${log} ---\n${tail(log)}` : ""),
  );
}

function killAll(pids: number[]): void {
  for (const pid of pids)
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
}

// The namespace of this checkout (two checkouts on one machine get two namespaces).
function netnsName(): string {
  return `slipway-gw-${createHash("sha256").update(root).digest("hex").slice(0, 8)}`;
}

// The processes in our namespace (only this harness starts any there), the namespace, the data
// directory: at the end, and at the start what a killed run left.
function removeAll(netns: string, dir: string, stale: boolean): void {
  if (existsSync(`/run/netns/${netns}`)) {
    progress(stale ? `removing the network namespace ${netns} a previous run left` : `removing ${netns}`);
    const pids = run("ip", ["netns", "pids", netns]).split("\n").filter(Boolean).map(Number);
    killAll(pids);
    run("ip", ["netns", "del", netns]);
  }
  rmSync(dir, { recursive: true, force: true });
}

export async function startGatewayHarness(): Promise<GatewayHarness> {
  if (process.getuid?.() !== 0)
    throw new Error("the gateway tests need root to create a network namespace (CI runs as root): run them as root");
  const netns = netnsName();
  const dir = process.env.SLIPWAY_GATEWAY_DIR ?? join(root, ".data", "gateway-test");
  const sandboxDir = join(dir, "sandbox");
  // nsenter's arguments that run a command inside the namespace.
  const inNetns = (...command: string[]) => [`--net=/run/netns/${netns}`, ...command];
  const sandboxEnv = {
    ...process.env,
    SANDBOX_DIR: sandboxDir,
    SANDBOX_PORT: String(APISERVER_PORT),
    SANDBOX_NODES: "1",
    SANDBOX_POD_CIDR: POD_CIDR,
    NODE_OPTIONS: "",
  };
  const started: number[] = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killAll(started);
    spawnSync("bash", [join(root, "sandbox", "down.sh"), "--purge"], { env: sandboxEnv, stdio: "ignore" });
    removeAll(netns, dir, false);
  };

  removeAll(netns, dir, true);
  mkdirSync(dir, { recursive: true });
  try {
    progress("Traefik binary (built and cached on first use: about 10 minutes, progress below)");
    const build = spawnSync("bash", [join(root, "sandbox", "gateway", "build-traefik.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 60 * 60_000,
    });
    const traefik = build.stdout.trim().split("\n").at(-1) ?? "";
    if (build.status !== 0 || !existsSync(traefik))
      throw new Error(`sandbox/gateway/build-traefik.sh failed (exit ${build.status ?? build.signal})`);

    progress(`network namespace ${netns}: only lo, ${POD_CIDR} routed to it`);
    run("ip", ["netns", "add", netns]);
    run("ip", ["-n", netns, "link", "set", "lo", "up"]);
    run("ip", ["-n", netns, "route", "add", "local", POD_CIDR, "dev", "lo"]);

    progress(`sandbox inside it (${sandboxDir})`);
    const up = spawnSync("nsenter", inNetns("bash", join(root, "sandbox", "up.sh")), {
      env: sandboxEnv,
      stdio: ["ignore", "inherit", "inherit"],
      timeout: 30 * 60_000,
    });
    if (up.status !== 0) throw new Error(`sandbox/up.sh in ${netns} failed (exit ${up.status ?? up.signal})`);

    const kubectl = (...args: string[]) =>
      run("nsenter", inNetns("bash", join(root, "sandbox", "ctl.sh"), "kubectl", ...args), {
        env: sandboxEnv,
      });
    progress("Traefik's ServiceAccount and RBAC, GatewayClass traefik, Gateway edge, IngressClass nginx");
    kubectl("apply", "--server-side", "-f", join(root, "sandbox", "gateway", "traefik.yaml"));
    const token = await waitFor(
      "Traefik's ServiceAccount token",
      async () => {
        const data = kubectl("-n", "slipway-gateway", "get", "secret", "traefik-token", "-o", "jsonpath={.data.token}");
        return data ? Buffer.from(data, "base64").toString() : undefined;
      },
      60_000,
    );
    const tokenFile = join(dir, "traefik.token");
    writeFileSync(tokenFile, token, { mode: 0o600 });

    // Traefik would prefer a KUBECONFIG over its flags.
    const { KUBECONFIG: _kubeconfig, ...withoutKubeconfig } = process.env;
    const background = (name: string, command: string[], where: "inside" | "outside" = "inside") => {
      const log = join(dir, `${name}.log`);
      const fd = openSync(log, "a");
      const [program, ...args] = where === "inside" ? ["nsenter", ...inNetns(...command)] : command;
      const child = spawn(program!, args, {
        cwd: root,
        detached: true,
        stdio: ["ignore", fd, fd],
        env: withoutKubeconfig,
      });
      child.unref();
      if (child.pid) started.push(child.pid);
      return log;
    };
    const apiserver = `https://127.0.0.1:${APISERVER_PORT}`;
    const pki = join(sandboxDir, "pki");
    const kube = [`endpoint=${apiserver}`, `token=${tokenFile}`, `certauthfilepath=${join(pki, "ca.crt")}`];
    progress(`Traefik on 127.0.0.1:${ENTRYPOINT_PORT} in the namespace, the pod simulator, the relay`);
    const traefikLog = background("traefik", [
      traefik,
      "--global.checknewversion=false",
      "--global.sendanonymoususage=false",
      "--log.level=INFO",
      `--entrypoints.web.address=127.0.0.1:${ENTRYPOINT_PORT}`,
      "--providers.providersthrottleduration=100ms",
      "--providers.kubernetesgateway=true",
      ...kube.map((flag) => `--providers.kubernetesgateway.${flag}`),
      "--providers.kubernetesgateway.statusaddress.ip=127.0.0.1",
      "--providers.kubernetesingressnginx=true",
      ...kube.map((flag) => `--providers.kubernetesingressnginx.${flag}`),
    ]);
    const podsimLog = background("podsim", [
      process.execPath,
      join(root, "sandbox", "gateway", "podsim.mjs"),
      apiserver,
      join(pki, "ca.crt"),
      join(pki, "admin.crt"),
      join(pki, "admin.key"),
    ]);
    const sockets = { apiserver: join(dir, "apiserver.sock"), gateway: join(dir, "gateway.sock") };
    const relay = join(root, "sandbox", "gateway", "netns-relay.mjs");
    const insideLog = background("relay-inside", [
      process.execPath,
      relay,
      `${sockets.apiserver}=127.0.0.1:${APISERVER_PORT}`,
      `${sockets.gateway}=127.0.0.1:${ENTRYPOINT_PORT}`,
    ]);
    await waitFor(
      "the relay's sockets",
      async () => (existsSync(sockets.apiserver) && existsSync(sockets.gateway)) || undefined,
      20_000,
      insideLog,
    );
    const outsideLog = background(
      "relay-outside",
      [
        process.execPath,
        relay,
        "--exit-with-parent",
        `127.0.0.1:0=${sockets.apiserver}`,
        `127.0.0.1:0=${sockets.gateway}`,
      ],
      "outside",
    );
    // "relay 127.0.0.1:<port> -> <socket>": the loopback port that leads to each socket.
    const ports = await waitFor(
      "the relay's loopback ports",
      async () => {
        const lines = readFileSync(outsideLog, "utf8").split("\n");
        const port = (socket: string) =>
          /^relay 127\.0\.0\.1:(\d+) /.exec(lines.find((line) => line.endsWith(` -> ${socket}`)) ?? "")?.[1];
        const [api, gateway] = [port(sockets.apiserver), port(sockets.gateway)];
        return api && gateway ? { api: Number(api), gateway: Number(gateway) } : undefined;
      },
      20_000,
      outsideLog,
    );

    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const get = (host: string, path: string, headers: Record<string, string> = {}) =>
      new Promise<GatewayResponse>((resolve, reject) => {
        const req = request(
          { host: "127.0.0.1", port: ports.gateway, path, agent, headers: { host, ...headers }, timeout: 5000 },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (body += chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: body.trim() }));
          },
        );
        req.on("timeout", () => req.destroy(new Error("timeout")));
        req.on("error", reject);
        req.end();
      });
    const kubeconfig = (which: "admin" | "slipway") =>
      readFileSync(join(sandboxDir, `${which}.kubeconfig`), "utf8").replace(
        `server: ${apiserver}`,
        `server: https://127.0.0.1:${ports.api}`,
      );

    await waitFor(
      "Traefik programming the Gateway (status Programmed=True)",
      async () => {
        const status = kubectl(
          "-n",
          TEST_GATEWAY.namespace,
          "get",
          "gateway",
          TEST_GATEWAY.name,
          "-o",
          'jsonpath={.status.conditions[?(@.type=="Programmed")].status}',
        );
        return status === "True" || undefined;
      },
      120_000,
      traefikLog,
    );
    // With no route for this host Traefik answers 404 itself: its entrypoint is up.
    await waitFor(
      "Traefik's entrypoint",
      async () => (await get("nothing.test", "/")).status === 404 || undefined,
      30_000,
      traefikLog,
    );
    await waitFor(
      "the pod simulator's first look at the pods",
      async () => readFileSync(podsimLog, "utf8").includes("podsim: following") || undefined,
      30_000,
      podsimLog,
    );
    progress("data plane ready");
    return { kubeconfig, get, traefikLog: () => tail(traefikLog), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
