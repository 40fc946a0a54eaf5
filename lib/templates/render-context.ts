import type { Scope } from "./evaluate-body";
import type { ParameterSchema } from "./parameter-schema";
import { isPlainRecord } from "./plain-values";

export type AppInfo = { name: string; team: string };
/** How the environment routes HTTP to apps (absent: it does not). */
export type RoutingInfo =
  | { mode: "gateway_api"; gateway: { name: string; namespace: string; sectionName?: string } }
  | { mode: "ingress_nginx" }
  | { mode: "none" };
export type EnvInfo = { name: string; namespace: string; routing?: RoutingInfo };

export function standardLabels(app: AppInfo, env: EnvInfo) {
  const selectorLabels = {
    "app.kubernetes.io/name": app.name,
    "app.kubernetes.io/instance": `${app.name}-${env.name}`,
  };
  return { selectorLabels, labels: { ...selectorLabels, "app.kubernetes.io/managed-by": "slipway" } };
}

// `$if` tests truthiness only, so each way of routing is a value of its own: `env.routing.ingress`
// (true on ingress-nginx) and `env.routing.gateway` (the parent Gateway, on the Gateway API).
function routingView(routing: RoutingInfo = { mode: "none" }): Record<string, unknown> {
  return {
    mode: routing.mode,
    ingress: routing.mode === "ingress_nginx",
    ...(routing.mode === "gateway_api" ? { gateway: { ...routing.gateway } } : {}),
  };
}

// Forms speak { type: "http", path, port }; a template wants a Kubernetes probe it can place
// with one placeholder (`readinessProbe: ${{ params.readiness }}`).
function probeView(probe: Record<string, unknown>): Record<string, unknown> {
  const { type, path, port, command, ...timing } = probe;
  const handler =
    type === "http" ? { httpGet: { path, port } } : type === "tcp" ? { tcpSocket: { port } } : { exec: { command } };
  return { ...handler, ...timing };
}

export function renderScope(
  schema: ParameterSchema,
  values: Record<string, unknown>,
  app: AppInfo,
  env: EnvInfo,
): Scope {
  const params: Record<string, unknown> = {};
  for (const def of schema.parameters) {
    const value = values[def.name];
    params[def.name] = def.type === "probe" && isPlainRecord(value) ? probeView(value) : value;
  }
  const { labels, selectorLabels } = standardLabels(app, env);
  return new Map<string, unknown>([
    ["params", params],
    ["app", { name: app.name, team: app.team }],
    ["env", { name: env.name, namespace: env.namespace, routing: routingView(env.routing) }],
    ["labels", labels],
    ["selectorLabels", selectorLabels],
  ]);
}
