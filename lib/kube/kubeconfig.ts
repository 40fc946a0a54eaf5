import { KubeConfig, type Cluster, type Context, type DispatcherOptions, type User } from "@kubernetes/client-node";
import type { AgentOptions } from "node:https";
import { parse } from "yaml";
import { guardedLookup, isRefusedAddress } from "./cluster-address";

export type ParsedKubeconfig = { config: KubeConfig; server: string; context: string };

export class KubeconfigError extends Error {
  constructor(
    readonly messageKey:
      | "kubeconfig.notYaml"
      | "kubeconfig.noContext"
      | "kubeconfig.noCluster"
      | "kubeconfig.notInline"
      | "kubeconfig.badServer"
      | "kubeconfig.refusedServer",
    message: string,
    readonly values: Record<string, string> = {},
  ) {
    super(message);
    this.name = "KubeconfigError";
  }
}

// What Slipway accepts in a kubeconfig: everything inline. client-node would run the program
// of an `exec` or `auth-provider` entry and read every `*-file`/`token-file` path (some when the
// text is loaded, before any request), so those, and the proxy and impersonation fields, are
// refused by name before client-node sees anything.
const ALLOWED = {
  cluster: ["server", "certificate-authority-data", "insecure-skip-tls-verify", "tls-server-name", "extensions"],
  user: ["token", "client-certificate-data", "client-key-data", "extensions"],
  context: ["cluster", "user", "namespace", "extensions"],
} as const;

type Entry = { name?: unknown; [key: string]: unknown };

function notInline(field: string): KubeconfigError {
  return new KubeconfigError(
    "kubeconfig.notInline",
    `${field}: only inline credentials are accepted (token, client-certificate-data, client-key-data, certificate-authority-data)`,
    { field },
  );
}

function entries(document: Record<string, unknown>, list: "clusters" | "users" | "contexts"): Entry[] {
  const value = document[list];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new KubeconfigError("kubeconfig.notYaml", `${list} is not a list`, { detail: list });
  return value as Entry[];
}

// Every entry is checked, used or not: client-node reads the files of all users at load time.
function checkEntries(document: Record<string, unknown>): void {
  for (const [list, inner] of [
    ["clusters", "cluster"],
    ["users", "user"],
    ["contexts", "context"],
  ] as const) {
    entries(document, list).forEach((entry, index) => {
      const body = entry?.[inner];
      if (body === undefined || body === null) return;
      if (typeof body !== "object" || Array.isArray(body))
        throw new KubeconfigError("kubeconfig.notYaml", `${list}[${index}].${inner} is not a mapping`, {
          detail: `${list}[${index}].${inner}`,
        });
      for (const key of Object.keys(body))
        if (!(ALLOWED[inner] as readonly string[]).includes(key)) throw notInline(`${list}[${index}].${inner}.${key}`);
    });
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function named<T extends string>(list: Entry[], name: string, inner: T): Record<string, unknown> | undefined {
  const entry = list.find((candidate) => candidate?.name === name);
  return entry ? ((entry[inner] as Record<string, unknown> | undefined) ?? {}) : undefined;
}

function checkServer(server: string): void {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError("kubeconfig.badServer", `${server} is not a URL`, { server });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new KubeconfigError("kubeconfig.badServer", `${server} is not an http(s) URL`, { server });
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isRefusedAddress(host))
    throw new KubeconfigError("kubeconfig.refusedServer", `${host} is a link-local or metadata address`, { host });
}

// A KubeConfig whose connections resolve names through guardedLookup: a cluster name that
// comes to resolve to a metadata address is refused at connect time too.
export class GuardedKubeConfig extends KubeConfig {
  override createDispatcherOptions(cluster: Cluster | null, agentOptions: AgentOptions): DispatcherOptions {
    const options = super.createDispatcherOptions(cluster, agentOptions);
    if (options.type === "proxy" || options.type === "socks") throw new Error("cluster proxies are not supported");
    const connect = options.type === "agent" ? options.connect : { keepAlive: true, keepAliveInitialDelay: 30_000 };
    return { type: "agent", connect: { ...connect, lookup: guardedLookup } as typeof connect };
  }
}

// Reads a kubeconfig the way kubectl would (YAML, the current context, its cluster with a
// server URL, its user) and hands client-node only the checked entries of the current context,
// rebuilt from plain values: nothing in the text can make Slipway run a program or read a file.
export function parseKubeconfig(source: string): ParsedKubeconfig {
  let document: unknown;
  try {
    document = parse(source, { maxAliasCount: 50 });
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200);
    throw new KubeconfigError("kubeconfig.notYaml", `not a kubeconfig: ${detail}`, { detail });
  }
  if (!document || typeof document !== "object" || Array.isArray(document))
    throw new KubeconfigError("kubeconfig.notYaml", "not a kubeconfig: not a mapping", { detail: "not a mapping" });
  const doc = document as Record<string, unknown>;
  checkEntries(doc);
  const context = text(doc["current-context"]);
  const contextBody = context ? named(entries(doc, "contexts"), context, "context") : undefined;
  if (!context || !contextBody)
    throw new KubeconfigError(
      "kubeconfig.noContext",
      "the kubeconfig has no current-context (or it names a missing context)",
    );
  const clusterName = text(contextBody.cluster);
  const cluster = clusterName ? named(entries(doc, "clusters"), clusterName, "cluster") : undefined;
  const server = text(cluster?.server);
  if (!clusterName || !cluster || !server)
    throw new KubeconfigError("kubeconfig.noCluster", `the context ${context} names no cluster with a server URL`);
  checkServer(server);
  const userName = text(contextBody.user);
  const user = (userName ? named(entries(doc, "users"), userName, "user") : undefined) ?? {};

  const config = new GuardedKubeConfig();
  const clusterEntry: Cluster = {
    name: clusterName,
    server: server.replace(/\/$/, ""),
    caData: text(cluster["certificate-authority-data"]),
    skipTLSVerify: cluster["insecure-skip-tls-verify"] === true,
    tlsServerName: text(cluster["tls-server-name"]),
  };
  const userEntry: User = {
    name: userName ?? "slipway",
    token: text(user.token),
    certData: text(user["client-certificate-data"]),
    keyData: text(user["client-key-data"]),
  };
  const contextEntry: Context = {
    name: context,
    cluster: clusterName,
    user: userEntry.name,
    namespace: text(contextBody.namespace),
  };
  config.loadFromOptions({
    clusters: [clusterEntry],
    users: [userEntry],
    contexts: [contextEntry],
    currentContext: context,
  });
  return { config, server, context };
}
