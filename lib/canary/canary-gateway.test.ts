// End to end through a real data plane (test/gateway.ts): Traefik reads the routes Slipway
// applies to a sandbox and routes HTTP to simulated pods. Environments detect (or are given)
// their routing, the stable app is rendered from web-service and applied through lib/kube, the
// canary's objects come from canary-objects.ts; what a request reaches is what a tester would see.
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "@/lib/generated/prisma/client";
import { applyObject, applyOrder, readLive } from "@/lib/kube/apply-objects";
import { ensureNamespace } from "@/lib/kube/namespaces";
import { clusterFor } from "@/lib/kube/client";
import { loadAppEnvironment } from "@/lib/services/apps/app-settings";
import { renderFor } from "@/lib/services/apps/render-app";
import { getEnvironmentRouting } from "@/lib/services/environments/environment-routing";
import { saveEnvironmentRouting } from "@/lib/services/environments/save-environment-routing";
import { ZCanarySettingsSchema } from "@/lib/validations/canary";
import { ZEnvironmentRoutingSchema } from "@/lib/validations/environment-routing";
import { context } from "@/test/factories";
import { startGatewayHarness, TEST_GATEWAY, TEST_INGRESS_CLASS, type GatewayHarness } from "@/test/gateway";
import { makeRoutingWorld } from "@/test/routing-fixtures";
import { eventually } from "@/test/sandbox";
import { applyCanaryPlan } from "./apply-canary-plan";
import { canaryPlan, type CanaryState, type KubeObject } from "./canary-objects";

const CANARY_IMAGE = "registry.example.com/shop/web:2.0";
const TESTER = { "X-Canary": "always" };
let harness: GatewayHarness;
let world: Awaited<ReturnType<typeof makeRoutingWorld>>;

beforeAll(async () => {
  harness = await startGatewayHarness();
  world = await makeRoutingWorld();
}, 60 * 60_000);

afterAll(async () => {
  await harness?.stop();
});

type RouteParentStatus = {
  controllerName: string;
  conditions: { type: string; status: string; observedGeneration: number }[];
};
type Deployed = { app: string; environment: Environment; host: string; namespace: string; stable: KubeObject[] };

// The app rendered for the environment (its routing included) and applied as Slipway applies.
async function deployStable(
  name: string,
  environment: Environment,
  host: string,
  values: Record<string, unknown> = {},
) {
  const app = await world.webServiceApp(name, {
    [environment.id]: { replicas: 2, ingress: { host, path: "/" }, ...values },
  });
  const target = await loadAppEnvironment(app.id, environment.id, { tag: "1.0" });
  const rendered = renderFor(target);
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.errors));
  const client = clusterFor(environment);
  await ensureNamespace(client, target.namespace);
  for (const object of applyOrder(rendered.objects as KubernetesObject[])) await applyObject(client, object);
  return { app: name, environment, host, namespace: target.namespace, stable: rendered.objects } satisfies Deployed;
}

async function setCanary(deployed: Deployed, state: CanaryState, weight?: number) {
  const settings = ZCanarySettingsSchema.parse({ image: CANARY_IMAGE, weight, replicas: 1 });
  await applyCanaryPlan(clusterFor(deployed.environment), canaryPlan(deployed.stable, deployed.app, settings, state));
}

// Which pods n requests reach: "canary", "stable", or the status of a failed answer.
async function tally(deployed: Deployed, n: number, headers: Record<string, string> = {}) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const { status, body } = await harness.get(deployed.host, "/", headers);
    const what = status !== 200 ? `HTTP ${status}` : body.includes(`/${deployed.app}-canary-`) ? "canary" : "stable";
    counts[what] = (counts[what] ?? 0) + 1;
  }
  return counts;
}

// Route changes reach Traefik within a second; the bound is for a busy machine.
async function settles(deployed: Deployed, headers: Record<string, string>, expected: "canary" | "stable") {
  await eventually(
    `${deployed.host} with ${JSON.stringify(headers)} reaching the ${expected} pods`,
    async () => {
      const counts = await tally(deployed, 4, headers);
      return counts[expected] === 4 ? counts : undefined;
    },
    60_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- traefik ---\n${harness.traefikLog()}`);
  });
}

// Each step waits up to a minute for the data plane; a busy machine is slow, never wrong.
describe("canary routing through Traefik", { timeout: 240_000 }, () => {
  let gateway: Deployed;
  let ingress: Deployed;

  it("an environment on this cluster detects the Gateway API and its Gateway", async () => {
    const environment = await world.environment("gw", harness.kubeconfig("slipway"));
    expect(await getEnvironmentRouting(environment.id)).toMatchObject({
      routing: "gateway_api",
      gatewayName: TEST_GATEWAY.name,
      gatewayNamespace: TEST_GATEWAY.namespace,
    });
    gateway = await deployStable("shop-web", environment, "shop.gw.test");
    await settles(gateway, {}, "stable");
    expect(await tally(gateway, 10, TESTER)).toEqual({ stable: 10 });
  });

  it("Gateway API, on: the header reaches a canary pod, everybody else a stable one; the route is Accepted", async () => {
    await setCanary(gateway, "on");
    await settles(gateway, TESTER, "canary");
    expect(await tally(gateway, 20, TESTER)).toEqual({ canary: 20 });
    expect(await tally(gateway, 20)).toEqual({ stable: 20 });
    expect(await tally(gateway, 10, { "X-Canary": "never" })).toEqual({ stable: 10 });

    // Traefik writes the route's status for the generation it has read.
    const conditions = await eventually("the HTTPRoute's status from Traefik for its current generation", async () => {
      const route = (await readLive(clusterFor(gateway.environment), {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        name: gateway.app,
        namespace: gateway.namespace,
      })) as { metadata: { generation: number }; status?: { parents?: RouteParentStatus[] } };
      const parent = route.status?.parents?.find((p) => p.controllerName === "traefik.io/gateway-controller");
      const current = parent?.conditions.filter((c) => c.observedGeneration === route.metadata.generation);
      return current?.length ? current : undefined;
    });
    for (const type of ["Accepted", "ResolvedRefs"])
      expect(conditions).toContainEqual(expect.objectContaining({ type, status: "True" }));
  });

  it("Gateway API, weighted: about the set share of everybody else reaches the canary, testers all of it", async () => {
    await setCanary(gateway, "on", 20);
    await eventually("the weighted split", async () => ((await tally(gateway, 10)).canary ? true : undefined));
    const counts = await tally(gateway, 100);
    expect(counts.canary).toBeGreaterThanOrEqual(10);
    expect(counts.canary).toBeLessThanOrEqual(30);
    expect(counts.canary! + counts.stable!).toBe(100);
    expect(await tally(gateway, 20, TESTER)).toEqual({ canary: 20 });
  });

  it("Gateway API, off: the header goes to stable again while the canary keeps running; on again; aborted", async () => {
    await setCanary(gateway, "off");
    await settles(gateway, TESTER, "stable");
    expect(await tally(gateway, 40)).toEqual({ stable: 40 });
    const client = clusterFor(gateway.environment);
    const canaryDeployment = { apiVersion: "apps/v1", kind: "Deployment", name: `${gateway.app}-canary` };
    expect(await readLive(client, { ...canaryDeployment, namespace: gateway.namespace })).not.toBeNull();

    await setCanary(gateway, "on");
    await settles(gateway, TESTER, "canary");

    await setCanary(gateway, "aborted");
    await settles(gateway, TESTER, "stable");
    expect(await readLive(client, { ...canaryDeployment, namespace: gateway.namespace })).toBeNull();
    expect(await tally(gateway, 20)).toEqual({ stable: 20 });
  });

  it("ingress-nginx: the canary Ingress's header and weight annotations route as ingress-nginx does", async () => {
    const environment = await world.environment("ing", harness.kubeconfig("slipway"));
    await saveEnvironmentRouting(
      world.admin,
      ZEnvironmentRoutingSchema.parse({ id: environment.id, routing: "ingress_nginx" }),
      context,
    );
    ingress = await deployStable("shop-ing", environment, "shop.ing.test", { ingressClassName: TEST_INGRESS_CLASS });
    await settles(ingress, {}, "stable");

    await setCanary(ingress, "on");
    await settles(ingress, TESTER, "canary");
    expect(await tally(ingress, 20, TESTER)).toEqual({ canary: 20 });
    expect(await tally(ingress, 20)).toEqual({ stable: 20 });

    await setCanary(ingress, "on", 50);
    await eventually("the weighted split", async () => ((await tally(ingress, 10)).canary ? true : undefined));
    const counts = await tally(ingress, 100);
    expect(counts.canary).toBeGreaterThanOrEqual(35);
    expect(counts.canary).toBeLessThanOrEqual(65);
    expect(await tally(ingress, 20, TESTER)).toEqual({ canary: 20 });

    await setCanary(ingress, "off");
    await settles(ingress, TESTER, "stable");
    expect(await tally(ingress, 40)).toEqual({ stable: 40 });

    await setCanary(ingress, "on");
    await settles(ingress, TESTER, "canary");
    await setCanary(ingress, "promoted");
    await settles(ingress, TESTER, "stable");
    // The Gateway API app's host is untouched by the Ingresses, and the other way round.
    expect(await tally(gateway, 10, TESTER)).toEqual({ stable: 10 });
  });
});
