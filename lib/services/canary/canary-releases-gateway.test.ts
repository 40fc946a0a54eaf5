// Canary releases end to end through a real data plane (test/gateway.ts): Slipway's services
// start, switch, promote and abort a canary on a sandbox that Traefik reads; a tester's request
// (with the header) and everybody else's reach the pods they should after each step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { readLive } from "@/lib/kube/apply-objects";
import { clusterFor } from "@/lib/kube/client";
import { kubeRequestCounts } from "@/lib/kube/request-counts";
import type { Environment } from "@/lib/generated/prisma/client";
import { getEnvironmentRouting } from "@/lib/services/environments/environment-routing";
import { saveEnvironmentRouting } from "@/lib/services/environments/save-environment-routing";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { ZCanaryTargetSchema, ZStartCanarySchema, ZSwitchCanarySchema } from "@/lib/validations/canary";
import { ZEnvironmentRoutingSchema } from "@/lib/validations/environment-routing";
import { ZDeploySchema } from "@/lib/validations/release";
import { context, makeUser } from "@/test/factories";
import { startGatewayHarness, TEST_INGRESS_CLASS, type GatewayHarness } from "@/test/gateway";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { settledRelease } from "@/test/release-fixtures";
import { makeRoutingWorld } from "@/test/routing-fixtures";
import { eventually } from "@/test/sandbox";
import { abortCanary } from "./abort-canary";
import { listCanaries } from "./list-canaries";
import { promoteCanary } from "./promote-canary";
import { startCanary } from "./start-canary";
import { switchCanary } from "./switch-canary";

const TESTER = { "X-Canary": "always" };
let harness: GatewayHarness;
let world: Awaited<ReturnType<typeof makeRoutingWorld>>;
let environment: Environment;

beforeAll(async () => {
  harness = await startGatewayHarness();
  world = await makeRoutingWorld();
  environment = await world.environment("gwc", harness.kubeconfig("slipway"));
  await startTestJobs();
}, 60 * 60_000);

afterAll(async () => {
  await stopTestJobs();
  await harness?.stop();
});

type App = { name: string; host: string; ids: { appId: string; environmentId: string } };

async function deployedApp(name: string): Promise<App> {
  const host = `${name}.gw.test`;
  const app = await world.webServiceApp(name, { [environment.id]: { replicas: 2, ingress: { host, path: "/" } } });
  const ids = { appId: app.id, environmentId: environment.id };
  await deploy(ids, "1.0");
  return { name, host, ids };
}

async function deploy(ids: App["ids"], tag: string) {
  const started = await deployRelease(world.dev, ZDeploySchema.parse({ ...ids, tag }), context);
  if (started.kind !== "release") throw new Error("expected a release");
  expect((await settledRelease(started.releaseId)).status).toBe("succeeded");
}

// Which pods n requests reach: "canary", "stable", or the status of a failed answer.
async function tally(app: App, n: number, headers: Record<string, string> = {}) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const { status, body } = await harness.get(app.host, "/", headers);
    const what = status !== 200 ? `HTTP ${status}` : body.includes(`/${app.name}-canary-`) ? "canary" : "stable";
    counts[what] = (counts[what] ?? 0) + 1;
  }
  return counts;
}

// Route changes reach Traefik within a second; the bound is for a busy machine. Settled means
// still so a second later: after a rollout Traefik and the pod simulator (which polls the pods)
// can each learn of a pod that came or went a moment apart, and a request to such a pod is a 502.
async function settles(app: App, headers: Record<string, string>, expected: "canary" | "stable") {
  const reaches = async () => (await tally(app, 4, headers))[expected] === 4;
  await eventually(
    `${app.host} with ${JSON.stringify(headers)} reaching the ${expected} pods`,
    async () => {
      if (!(await reaches())) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return (await reaches()) || undefined;
    },
    60_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- traefik ---\n${harness.traefikLog()}`);
  });
}

async function stableImage(app: App, namespace: string) {
  const deployment = await clusterFor(environment).call((c) =>
    c.apps.readNamespacedDeployment({ name: app.name, namespace }),
  );
  return deployment.spec?.template.spec?.containers[0]?.image;
}

// The tester's switch: off sends the header to stable (every request), on back to the canary.
async function switchOffAndOn(app: App, tester: CurrentUser) {
  await switchCanary(tester, ZSwitchCanarySchema.parse({ ...app.ids, enabled: false }), context);
  await settles(app, TESTER, "stable");
  expect(await tally(app, 20, TESTER)).toEqual({ stable: 20 });
  await switchCanary(tester, ZSwitchCanarySchema.parse({ ...app.ids, enabled: true }), context);
  await settles(app, TESTER, "canary");
}

// After a stable deploy: testers still reach the canary, everybody else the new stable pods;
// then the promotion's deploy rolls out and the canary goes, testers reaching stable.
async function keepsCanaryThenPromote(app: App) {
  // The old stable pods are gone the moment the rollout ends; Traefik learns the new endpoints
  // a little later (502 meanwhile on a busy machine), so wait for it first.
  await settles(app, {}, "stable");
  expect(await tally(app, 20, TESTER)).toEqual({ canary: 20 });
  expect(await tally(app, 20)).toEqual({ stable: 20 });
  const promoted = await promoteCanary(world.dev, ZCanaryTargetSchema.parse(app.ids), context);
  if (promoted.kind !== "release") throw new Error("expected a release");
  expect((await settledRelease(promoted.releaseId)).status).toBe("succeeded");
  await eventually("the canary removed after the promotion", async () =>
    db.release.findFirst({ where: { ...app.ids, kind: "canary_promote", status: "succeeded" } }),
  );
  await settles(app, TESTER, "stable");
}

describe("canary releases through Traefik", { timeout: 300_000 }, () => {
  it("the environment on this cluster uses the Gateway API", async () => {
    expect(await getEnvironmentRouting(environment.id)).toMatchObject({ routing: "gateway_api" });
  });

  it("start, the tester's switch off and on, a stable deploy keeping the rule, promote", async () => {
    const app = await deployedApp("shop-cy");
    const tester = await makeUser("tester");
    await settles(app, {}, "stable");
    expect(await tally(app, 10, TESTER)).toEqual({ stable: 10 });

    const started = await startCanary(world.dev, ZStartCanarySchema.parse({ ...app.ids, tag: "2.0" }), context);
    expect(started.status).toBe("succeeded");
    await settles(app, TESTER, "canary");
    expect(await tally(app, 20, TESTER)).toEqual({ canary: 20 });
    expect(await tally(app, 20)).toEqual({ stable: 20 });

    // What the Canaries page shows: the route Accepted by Traefik, the canary's pod ready.
    const [row] = await eventually("the canary's view with the route's status", async () => {
      const rows = await listCanaries(tester, app.ids);
      const live = rows[0]?.live;
      return live?.route?.some((c) => c.condition === "Accepted") && live.canary.ready === 1 ? rows : undefined;
    });
    expect(row!.live.route).toContainEqual(expect.objectContaining({ condition: "Accepted", status: "True" }));
    expect(row!.live.route).toContainEqual(expect.objectContaining({ condition: "ResolvedRefs", status: "True" }));
    expect(row!.live.problem).toBeNull();
    expect(row!.live.canary.image).toBe("registry.example.com/shop/web:2.0");
    expect(row!.live.stable.image).toBe("registry.example.com/shop/web:1.0");
    expect(row!).toMatchObject({ maySwitch: true, mayManage: false, enabled: true });
    expect(row!.live.canary.pods).toEqual([expect.objectContaining({ ready: true, phase: "Running" })]);
    expect(row!.live.stable.pods).toHaveLength(2);
    // The view reads the namespace's watch caches: once they are warm, a view asks the cluster
    // nothing (issue 17).
    const sent = () =>
      kubeRequestCounts()
        .filter((count) => count.environment === environment.name)
        .reduce((sum, count) => sum + count.count, 0);
    const before = sent();
    const [again] = await listCanaries(tester, app.ids);
    expect(sent()).toBe(before);
    expect(again!.live).toEqual(row!.live);

    await switchOffAndOn(app, tester);

    // A stable deploy while the canary runs: testers still reach the canary afterwards.
    await deploy(app.ids, "1.1");
    await keepsCanaryThenPromote(app);
    expect(await listCanaries(tester, app.ids)).toEqual([]);
    expect(await stableImage(app, `rt${world.suffix}-${environment.name}`)).toBe("registry.example.com/shop/web:2.0");
    expect(
      await readLive(clusterFor(environment), {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: `${app.name}-canary`,
        namespace: `rt${world.suffix}-${environment.name}`,
      }),
    ).toBeNull();
  });

  it("abort: testers reach the stable version again, the canary's objects are gone", async () => {
    const app = await deployedApp("shop-ab");
    await settles(app, {}, "stable");
    await startCanary(world.dev, ZStartCanarySchema.parse({ ...app.ids, tag: "2.0", weight: 0 }), context);
    await settles(app, TESTER, "canary");
    expect((await abortCanary(world.dev, ZCanaryTargetSchema.parse(app.ids), context)).status).toBe("succeeded");
    await settles(app, TESTER, "stable");
    expect(await tally(app, 20, TESTER)).toEqual({ stable: 20 });
    for (const [apiVersion, kind] of [
      ["apps/v1", "Deployment"],
      ["v1", "Service"],
    ])
      expect(
        await readLive(clusterFor(environment), {
          apiVersion: apiVersion!,
          kind: kind!,
          name: `${app.name}-canary`,
          namespace: `rt${world.suffix}-${environment.name}`,
        }),
      ).toBeNull();
    expect(await stableImage(app, `rt${world.suffix}-${environment.name}`)).toBe("registry.example.com/shop/web:1.0");
  });

  it("ingress-nginx: start, the tester's switch off and on, a stable deploy keeping the canary, promote", async () => {
    const nginx = await world.environment("gwn", harness.kubeconfig("slipway"));
    await saveEnvironmentRouting(
      world.admin,
      ZEnvironmentRoutingSchema.parse({ id: nginx.id, routing: "ingress_nginx" }),
      context,
    );
    const name = "shop-ng";
    const host = `${name}.gw.test`;
    const made = await world.webServiceApp(name, {
      [nginx.id]: { replicas: 2, ingress: { host, path: "/" }, ingressClassName: TEST_INGRESS_CLASS },
    });
    const app: App = { name, host, ids: { appId: made.id, environmentId: nginx.id } };
    await deploy(app.ids, "1.0");
    const tester = await makeUser("tester");
    await settles(app, {}, "stable");

    const started = await startCanary(world.dev, ZStartCanarySchema.parse({ ...app.ids, tag: "2.0" }), context);
    expect(started.status).toBe("succeeded");
    await settles(app, TESTER, "canary");
    expect(await tally(app, 20)).toEqual({ stable: 20 });

    await switchOffAndOn(app, tester);

    // A stable deploy leaves the canary's own Ingress alone: testers still reach the canary.
    await deploy(app.ids, "1.1");
    await keepsCanaryThenPromote(app);
    const namespace = `rt${world.suffix}-${nginx.name}`;
    for (const [apiVersion, kind] of [
      ["apps/v1", "Deployment"],
      ["networking.k8s.io/v1", "Ingress"],
    ] as const)
      expect(await readLive(clusterFor(nginx), { apiVersion, kind, name: `${name}-canary`, namespace })).toBeNull();
    const stable = await clusterFor(nginx).call((c) => c.apps.readNamespacedDeployment({ name, namespace }));
    expect(stable.spec?.template.spec?.containers[0]?.image).toBe("registry.example.com/shop/web:2.0");
  });
});
