import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { KubeClient } from "./client";
import { toKubeError } from "./errors";

const GATEWAY_API = "gateway.networking.k8s.io/v1";
// ingress-nginx's controller name; its canary annotations are what Slipway writes.
export const INGRESS_NGINX_CONTROLLER = "k8s.io/ingress-nginx";

export type RoutingDetection =
  | { mode: "gateway_api"; gateway: { name: string; namespace: string } }
  | { mode: "ingress_nginx"; ingressClass: string }
  | { mode: "none" };

// A kind the cluster does not serve (no Gateway API CRDs) is an empty list, not an error.
async function listOrEmpty(client: KubeClient, kind: string): Promise<KubernetesObject[]> {
  try {
    return (await client.call((c) => c.objects.list(GATEWAY_API, kind))).items;
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind === "not_found") return [];
    throw mapped;
  }
}

// What routing a cluster offers apps: the Gateway API when its CRDs, a GatewayClass and a
// Gateway of that class exist (the Gateway becomes the apps' parent), else ingress-nginx when an
// IngressClass names its controller, else none. The oldest Gateway wins, so the answer is stable.
export async function detectRouting(client: KubeClient): Promise<RoutingDetection> {
  const [classes, gateways, ingressClasses] = await Promise.all([
    listOrEmpty(client, "GatewayClass"),
    listOrEmpty(client, "Gateway"),
    client.call((c) => c.networking.listIngressClass()),
  ]);
  const classNames = new Set(classes.map((c) => c.metadata?.name));
  const created = (o: KubernetesObject) => new Date(o.metadata?.creationTimestamp ?? 0).getTime();
  const gateway = gateways
    .filter((g) => classNames.has((g as { spec?: { gatewayClassName?: string } }).spec?.gatewayClassName))
    .sort((a, b) => created(a) - created(b))[0];
  if (gateway?.metadata?.name && gateway.metadata.namespace)
    return { mode: "gateway_api", gateway: { name: gateway.metadata.name, namespace: gateway.metadata.namespace } };
  const nginx = ingressClasses.items.find((c) => c.spec?.controller === INGRESS_NGINX_CONTROLLER);
  if (nginx?.metadata?.name) return { mode: "ingress_nginx", ingressClass: nginx.metadata.name };
  return { mode: "none" };
}
