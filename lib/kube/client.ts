import "server-only";
import {
  AppsV1Api,
  AuthorizationV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  type KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
  VersionApi,
} from "@kubernetes/client-node";
import { openSecret } from "@/lib/crypto/keys";
import { env } from "@/lib/env";
import { GuardedKubeConfig, parseKubeconfig } from "./kubeconfig";
import { retryDropped, withTimeout } from "./errors";
import { shareConnections } from "./connections";
import { countRequests } from "./request-counts";

export type ClusterTarget = {
  id: string;
  name: string;
  clusterMode: "kubeconfig" | "in_cluster";
  kubeconfigEncrypted: string | null;
  updatedAt: Date;
};

export type KubeClient = {
  environment: string;
  config: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  networking: NetworkingV1Api;
  authorization: AuthorizationV1Api;
  autoscaling: AutoscalingV2Api;
  version: VersionApi;
  objects: KubernetesObjectApi;
  // Every call goes through here: bounded in time, errors mapped (lib/kube/errors.ts).
  call<T>(request: (client: KubeClient) => Promise<T>): Promise<T>;
};

export function kubeconfigPlace(environmentId: string): string {
  return `environment:${environmentId}:kubeconfig`;
}

export function buildClient(environment: string, config: KubeConfig): KubeClient {
  countRequests(environment, config);
  shareConnections(config);
  const client: KubeClient = {
    environment,
    config,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    networking: config.makeApiClient(NetworkingV1Api),
    authorization: config.makeApiClient(AuthorizationV1Api),
    autoscaling: config.makeApiClient(AutoscalingV2Api),
    version: config.makeApiClient(VersionApi),
    objects: KubernetesObjectApi.makeApiClient(config),
    call: (request) =>
      withTimeout(
        retryDropped(() => request(client)),
        env.KUBE_TIMEOUT_MS,
        environment,
      ),
  };
  return client;
}

// One client per environment, rebuilt when the environment is saved again (updatedAt).
const cache = new Map<string, { updatedAt: number; client: KubeClient }>();

export function clusterFor(target: ClusterTarget): KubeClient {
  const hit = cache.get(target.id);
  if (hit && hit.updatedAt === target.updatedAt.getTime()) return hit.client;
  let config: KubeConfig;
  if (target.clusterMode === "in_cluster") {
    config = new GuardedKubeConfig();
    config.loadFromCluster();
  } else {
    if (!target.kubeconfigEncrypted) throw new Error(`${target.name}: no kubeconfig stored`);
    config = parseKubeconfig(openSecret(target.kubeconfigEncrypted, kubeconfigPlace(target.id))).config;
  }
  const client = buildClient(target.name, config);
  cache.set(target.id, { updatedAt: target.updatedAt.getTime(), client });
  return client;
}
