// The objects of a canary, derived from the stable app's rendered objects: `<app>-canary`
// (Deployment with the canary image and replica count, and its Service) and the routing that
// sends testers' requests to it. Pure: no cluster, no database, so every state's exact shape is
// tested on its own.
//
// Routing follows what the stable app renders (see web-service): with an HTTPRoute, a rule per
// stable rule that adds the header match (more header matches win in the Gateway API, whatever
// the rule order) and, with a weight, the stable rules split their traffic; with an Ingress, a
// second Ingress with ingress-nginx's canary annotations. The canary's objects carry the
// instance label `<instance>-canary`: the stable Service's selector does not reach its pods, and
// a stable release (which deletes its instance's objects it no longer renders) leaves them alone.
import type { CanarySettings } from "@/lib/validations/canary";

export type KubeObject = Record<string, unknown>;
export type CanaryObjectRef = { apiVersion: string; kind: string; name: string; namespace?: string };
export type CanaryState = "on" | "off" | "promoted" | "aborted";
/** What to server-side apply, and what to delete (a missing object is already deleted). */
export type CanaryPlan = { apply: KubeObject[]; remove: CanaryObjectRef[] };

export class CanaryError extends Error {
  constructor(
    readonly code: "no_workload" | "no_route" | "image_mismatch" | "name_too_long",
    message: string,
  ) {
    super(message);
    this.name = "CanaryError";
  }
}

const INSTANCE = "app.kubernetes.io/instance";
const NGINX = "nginx.ingress.kubernetes.io";
const GATEWAY_API = "gateway.networking.k8s.io/v1";

type Meta = {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
type BackendRef = { name?: string; port?: number; weight?: number; [key: string]: unknown };
type RouteMatch = { headers?: unknown[]; [key: string]: unknown };
type RouteRule = { name?: string; matches?: RouteMatch[]; backendRefs?: BackendRef[]; [key: string]: unknown };

const meta = (object: KubeObject): Meta => (object.metadata ?? {}) as Meta;
const spec = (object: KubeObject) => (object.spec ?? {}) as Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

const canaryName = (app: string): string => `${app}-canary`;

function canaryLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const result = { ...labels };
  if (result[INSTANCE] !== undefined) {
    result[INSTANCE] = `${result[INSTANCE]}-canary`;
    if (result[INSTANCE].length > 63)
      throw new CanaryError("name_too_long", `label ${INSTANCE}=${result[INSTANCE]} is longer than 63 characters`);
  }
  return result;
}

function find(objects: KubeObject[], kind: string, name: string): KubeObject | undefined {
  return objects.find((o) => o.kind === kind && meta(o).name === name);
}

function refOf(object: KubeObject): CanaryObjectRef {
  const { name = "", namespace } = meta(object);
  return {
    apiVersion: String(object.apiVersion),
    kind: String(object.kind),
    name,
    ...(namespace ? { namespace } : {}),
  };
}

// The repository part of an image reference: without its tag and digest.
function repositoryOf(image: string): string {
  const name = image.split("@")[0] ?? "";
  const colon = name.lastIndexOf(":");
  return colon > name.lastIndexOf("/") ? name.slice(0, colon) : name;
}

function renamed(object: KubeObject, app: string): KubeObject {
  const copy = clone(object);
  const { name: _name, labels, annotations: _annotations, ...rest } = meta(object);
  copy.metadata = { name: canaryName(app), ...rest, labels: canaryLabels(labels) };
  return copy;
}

function stableWorkload(stable: KubeObject[], app: string) {
  const deployment = find(stable, "Deployment", app);
  const service = find(stable, "Service", app);
  if (!deployment || !service)
    throw new CanaryError("no_workload", `the app's objects have no Deployment and Service named ${app}`);
  return { deployment, service };
}

/** `<app>-canary`: the stable Deployment with the canary image and replicas, and its Service. */
export function canaryWorkload(stable: KubeObject[], app: string, settings: CanarySettings): KubeObject[] {
  const { deployment, service } = stableWorkload(stable, app);
  const canaryDeployment = renamed(deployment, app);
  const deploymentSpec = spec(canaryDeployment) as {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: Meta; spec?: { containers?: { image?: string }[] } };
  };
  deploymentSpec.replicas = settings.replicas;
  if (deploymentSpec.selector?.matchLabels)
    deploymentSpec.selector.matchLabels = canaryLabels(deploymentSpec.selector.matchLabels);
  if (deploymentSpec.template?.metadata?.labels)
    deploymentSpec.template.metadata.labels = canaryLabels(deploymentSpec.template.metadata.labels);
  // The containers running the app's own image take the canary's; sidecars keep theirs.
  const repository = repositoryOf(settings.image);
  const containers = (deploymentSpec.template?.spec?.containers ?? []).filter(
    (c) => c.image && repositoryOf(c.image) === repository,
  );
  if (containers.length === 0)
    throw new CanaryError("image_mismatch", `no container of ${app} runs an image of ${repository}`);
  for (const container of containers) container.image = settings.image;

  const canaryService = renamed(service, app);
  const serviceSpec = spec(canaryService);
  const { clusterIP: _ip, clusterIPs: _ips, ...kept } = serviceSpec;
  canaryService.spec = { ...kept, selector: canaryLabels(serviceSpec.selector as Record<string, string>) };
  return [canaryDeployment, canaryService];
}

function routeOf(stable: KubeObject[], app: string): { kind: "HTTPRoute" | "Ingress"; object: KubeObject } {
  const route = find(stable, "HTTPRoute", app);
  if (route && route.apiVersion === GATEWAY_API) return { kind: "HTTPRoute", object: route };
  const ingress = find(stable, "Ingress", app);
  if (ingress) return { kind: "Ingress", object: ingress };
  throw new CanaryError(
    "no_route",
    `${app} has no HTTPRoute or Ingress: give it a host in an environment with routing configured`,
  );
}

function withCanaryRules(route: KubeObject, app: string, settings: CanarySettings): KubeObject {
  const copy = clone(route);
  const routeSpec = spec(copy) as { rules?: RouteRule[] };
  const header = { type: "Exact", name: settings.headerName, value: settings.headerValue };
  const weight = settings.weight ?? 0;
  // Header names are a map key in a match (case-insensitive): the canary's replaces a same-named one.
  const otherHeaders = (match: RouteMatch) =>
    (match.headers ?? []).filter((h) => (h as { name?: string }).name?.toLowerCase() !== header.name.toLowerCase());
  const toStable = (rule: RouteRule) => rule.backendRefs?.find((ref) => ref.name === app);
  const rules = routeSpec.rules ?? [];
  const canaryRules = rules.flatMap((rule): RouteRule[] => {
    const backend = toStable(rule);
    if (!backend) return [];
    const matches = rule.matches?.length ? rule.matches : [{ path: { type: "PathPrefix", value: "/" } }];
    return [
      {
        ...clone(rule),
        ...(rule.name ? { name: `${rule.name}-canary` } : {}),
        matches: matches.map((match) => ({ ...clone(match), headers: [...otherHeaders(match), header] })),
        backendRefs: [{ ...withoutWeight(backend), name: canaryName(app) }],
      },
    ];
  });
  const stableRules = rules.map((rule) => {
    const backend = toStable(rule);
    if (!backend || weight === 0) return rule;
    return {
      ...rule,
      backendRefs: [
        ...(rule.backendRefs ?? []).map((ref) => (ref === backend ? { ...ref, weight: 100 - weight } : ref)),
        { ...withoutWeight(backend), name: canaryName(app), weight },
      ],
    };
  });
  routeSpec.rules = [...canaryRules, ...stableRules];
  return copy;
}

function withoutWeight(ref: BackendRef): BackendRef {
  const { weight: _weight, ...rest } = clone(ref);
  return rest;
}

function canaryIngress(ingress: KubeObject, app: string, settings: CanarySettings): KubeObject {
  const copy = renamed(ingress, app);
  (copy.metadata as Meta).annotations = {
    ...meta(ingress).annotations,
    [`${NGINX}/canary`]: "true",
    [`${NGINX}/canary-by-header`]: settings.headerName,
    [`${NGINX}/canary-by-header-value`]: settings.headerValue,
    [`${NGINX}/canary-weight`]: String(settings.weight ?? 0),
  };
  type Path = { backend?: { service?: { name?: string } } };
  const rules = (spec(copy).rules ?? []) as { http?: { paths?: Path[] } }[];
  for (const path of rules.flatMap((rule) => rule.http?.paths ?? []))
    if (path.backend?.service?.name === app) path.backend.service.name = canaryName(app);
  const backend = spec(copy).defaultBackend as Path["backend"];
  if (backend?.service?.name === app) backend.service.name = canaryName(app);
  return copy;
}

/**
 * The routing for a canary state: "on" routes the header (and the weight) to the canary, "off"
 * only takes that away (the canary keeps running), "promoted" and "aborted" leave the stable
 * routing alone as well.
 */
export function canaryRouting(
  stable: KubeObject[],
  app: string,
  settings: CanarySettings,
  state: CanaryState,
): CanaryPlan {
  const route = routeOf(stable, app);
  if (route.kind === "HTTPRoute")
    return { apply: [state === "on" ? withCanaryRules(route.object, app, settings) : clone(route.object)], remove: [] };
  const ingress = canaryIngress(route.object, app, settings);
  return state === "on" ? { apply: [ingress], remove: [] } : { apply: [], remove: [refOf(ingress)] };
}

/**
 * Everything a state needs: while a canary exists (on, off) its workload is applied too; once
 * it is promoted or aborted, its Deployment and Service are deleted, after its routing.
 */
export function canaryPlan(
  stable: KubeObject[],
  app: string,
  settings: CanarySettings,
  state: CanaryState,
): CanaryPlan {
  const routing = canaryRouting(stable, app, settings, state);
  if (state === "on" || state === "off")
    return { apply: [...canaryWorkload(stable, app, settings), ...routing.apply], remove: routing.remove };
  const { deployment, service } = stableWorkload(stable, app);
  const refs = [deployment, service].map((object) => ({ ...refOf(object), name: canaryName(app) }));
  return { apply: routing.apply, remove: [...routing.remove, ...refs] };
}
