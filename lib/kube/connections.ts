import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";

type RequestContext = Parameters<KubeConfig["applySecurityAuthentication"]>[0];
type Dispatcher = NonNullable<ReturnType<RequestContext["getDispatcher"]>>;
type TlsValue = string | Buffer | (string | Buffer)[] | boolean | undefined;
type AgentOptions = Record<string, unknown>;
type Cluster = { server?: string; proxyUrl?: string; skipTLSVerify?: boolean } | null;
type WithDispatchers = { createDispatcher?: (cluster: Cluster, options: AgentOptions) => Dispatcher | undefined };

// The agent options that decide which connections a request may use (KubeConfig's
// applySecurityAuthentication copies exactly these from the kubeconfig), and the cluster's address.
const TLS_FIELDS = ["ca", "cert", "key", "pfx", "passphrase", "rejectUnauthorized", "servername"] as const;

function same(a: TlsValue, b: TlsValue): boolean {
  if (a === b) return true;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  return false;
}

type Pool = { cluster: Cluster; options: AgentOptions; dispatcher: Dispatcher };

function matches(pool: Pool, cluster: Cluster, options: AgentOptions): boolean {
  return (
    pool.cluster?.server === cluster?.server &&
    pool.cluster?.proxyUrl === cluster?.proxyUrl &&
    pool.cluster?.skipTLSVerify === cluster?.skipTLSVerify &&
    TLS_FIELDS.every((field) => same(pool.options[field] as TlsValue, options[field] as TlsValue))
  );
}

// client-node 2.x builds a new undici Agent for every request (KubeConfig.createDispatcher,
// called by applySecurityAuthentication), so every API call and watch opened its own TCP
// connection and TLS handshake to the apiserver: an apply in bench/deploy took 28 ms that way,
// 17-18 ms on kept connections. A client's requests now share one Agent per cluster address and
// TLS identity, as client-go keeps one transport per rest config. What that changes:
// - idle connections are kept for undici's keep-alive timeout (4 s, or less if the apiserver
//   says so) and then closed. One the apiserver drops (a restart) is left once undici sees it
//   close; a request that takes it in that same instant fails before any answer and is sent
//   once more by retryDropped (lib/kube/errors.ts; lib/kube/connections.test.ts cuts them all);
// - watches and log streams hold their own connections from the same pool (no limit per origin);
// - a kubeconfig's certificates are fixed for the life of its client (exec and auth-provider
//   users are refused, lib/kube/kubeconfig.ts) and a saved environment gets a new client
//   (clusterFor); options that differ from every kept Agent's get a new Agent.
// If a client-node release renames createDispatcher, requests simply keep their own Agents
// (the test counting connections fails and says so).
export function shareConnections(config: KubeConfig): void {
  const target = config as unknown as WithDispatchers;
  const create = target.createDispatcher?.bind(config);
  if (!create) return;
  const pools: Pool[] = [];
  target.createDispatcher = (cluster, options) => {
    const pool = pools.find((candidate) => matches(candidate, cluster, options));
    if (pool) return pool.dispatcher;
    const dispatcher = create(cluster, options);
    if (!dispatcher) return undefined;
    // Older identities (a rotated in-cluster CA) are let go: their Agents close their idle
    // connections on their own and are collected once their last request ends.
    if (pools.length >= 4) pools.shift();
    pools.push({ cluster: cluster && { ...cluster }, options: { ...options }, dispatcher });
    return dispatcher;
  };
}
