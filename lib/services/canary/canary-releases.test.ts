// Canary releases on the sandbox (issue 14): started, switched, kept by a stable deploy,
// promoted and aborted through Slipway's services, with the exact route the API server holds
// after each step, the roles of DESIGN.md, and an API server cut off part-way.
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sealSecret } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readLive } from "@/lib/kube/apply-objects";
import { kubeconfigPlace } from "@/lib/kube/client";
import { ZCanaryTargetSchema, ZStartCanarySchema, ZSwitchCanarySchema } from "@/lib/validations/canary";
import { ZDecideRequestSchema, ZDeploySchema } from "@/lib/validations/release";
import { ZEnvironmentRoutingSchema } from "@/lib/validations/environment-routing";
import { saveEnvironmentRouting } from "@/lib/services/environments/save-environment-routing";
import { appDrift } from "@/lib/services/releases/app-drift";
import { decideReleaseRequest } from "@/lib/services/releases/decide-release-request";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { rollbackRelease } from "@/lib/services/releases/rollback-release";
import { context, makeUser } from "@/test/factories";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { settledRelease } from "@/test/release-fixtures";
import { makeRoutingWorld } from "@/test/routing-fixtures";
import { eventually, sandboxClient, sandboxKubeconfig } from "@/test/sandbox";
import { abortCanary } from "./abort-canary";
import { promoteCanary } from "./promote-canary";
import { startCanary } from "./start-canary";
import { switchCanary } from "./switch-canary";

const cluster = sandboxClient("admin");
type World = Awaited<ReturnType<typeof makeRoutingWorld>>;
let world: World;

beforeAll(async () => {
  world = await makeRoutingWorld();
  await startTestJobs();
});
afterAll(async () => {
  await stopTestJobs();
});

async function gatewayApp(name: string, kubeconfig = sandboxKubeconfig("slipway")) {
  const env = await world.environment(name, kubeconfig, { verified: false });
  await saveEnvironmentRouting(
    world.admin,
    ZEnvironmentRoutingSchema.parse({
      id: env.id,
      routing: "gateway_api",
      gatewayName: "edge",
      gatewayNamespace: "gw",
    }),
    context,
  );
  const app = await world.webServiceApp(`${name}-web`, {
    [env.id]: { ingress: { host: "shop.example.com", path: "/" } },
  });
  const ids = { appId: app.id, environmentId: env.id };
  const deployed = await deployRelease(world.dev, ZDeploySchema.parse({ ...ids, tag: "v1" }), context);
  if (deployed.kind !== "release") throw new Error("expected a release");
  expect((await settledRelease(deployed.releaseId)).status).toBe("succeeded");
  const namespace = `rt${world.suffix}-${env.name}`;
  return { env, app, ids, namespace, name: `${name}-web` };
}

type LiveRule = { matches?: { headers?: { name: string; value: string }[] }[]; backendRefs?: { name: string }[] };

// The live route's rules as "header -> backends" lines.
async function liveRules(namespace: string, name: string): Promise<string[]> {
  const route = (await readLive(cluster, {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    name,
    namespace,
  })) as { spec: { rules: LiveRule[] } };
  return route.spec.rules.map((rule) => {
    const headers = (rule.matches ?? []).flatMap((m) => (m.headers ?? []).map((h) => `${h.name}=${h.value}`));
    return `${headers.join(",") || "*"} -> ${(rule.backendRefs ?? []).map((b) => b.name).join(" ")}`;
  });
}

async function canaryObjects(namespace: string, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const [apiVersion, kind] of [
    ["apps/v1", "Deployment"],
    ["v1", "Service"],
  ] as const)
    if (await readLive(cluster, { apiVersion, kind, name: `${name}-canary`, namespace })) found.push(kind);
  return found;
}

async function stableImage(namespace: string, name: string): Promise<string | undefined> {
  const deployment = await cluster.call((c) => c.apps.readNamespacedDeployment({ name, namespace }));
  return deployment.spec?.template.spec?.containers[0]?.image;
}

async function refused(work: Promise<unknown>): Promise<{ code: string; field?: string | undefined }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, field: error.field };
}

const start = (ids: { appId: string; environmentId: string }, more: Record<string, unknown> = {}) =>
  ZStartCanarySchema.parse({ ...ids, tag: "v2", ...more });

describe("canary releases", () => {
  it("refuses bad input on its field: header token, control characters, weight 0-50", () => {
    const ids = {
      appId: "5f0c8a57-3b8e-4a55-9a51-2f9d0d7c1e10",
      environmentId: "5f0c8a57-3b8e-4a55-9a51-2f9d0d7c1e11",
    };
    const issues = (input: Record<string, unknown>) => {
      const parsed = ZStartCanarySchema.safeParse({ ...ids, tag: "v2", ...input });
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(issues({ headerName: "X Canary" })).toEqual({ headerName: "canary.validation.headerName" });
    expect(issues({ headerName: "X-Canary:" })).toEqual({ headerName: "canary.validation.headerName" });
    expect(issues({ headerValue: "on\r\nX-Evil: 1" })).toEqual({ headerValue: "canary.validation.headerValue" });
    expect(issues({ weight: 51 })).toEqual({ weight: "canary.validation.weight" });
    expect(issues({ weight: -1 })).toEqual({ weight: "canary.validation.weight" });
    expect(issues({ weight: "", replicas: "2" })).toEqual({});
    expect(ZStartCanarySchema.parse({ ...ids, tag: "v2" })).toMatchObject({
      headerName: "X-Canary",
      headerValue: "always",
    });
  });

  it("start, switch off and on, a stable deploy keeping the rule, promote: the route and objects after each step", async () => {
    const { ids, namespace, name } = await gatewayApp("cy");
    const tester = await makeUser("tester");
    const viewer = await makeUser("viewer");
    const stranger = await makeUser("developer");

    // Roles: testers and viewers may not start; a developer of another team neither.
    expect(await refused(startCanary(tester, start(ids), context))).toMatchObject({ code: "forbidden" });
    expect(await refused(startCanary(viewer, start(ids), context))).toMatchObject({ code: "forbidden" });
    expect(await refused(startCanary(stranger, start(ids), context))).toMatchObject({ code: "forbidden" });

    const started = await startCanary(world.dev, start(ids), context);
    expect(started.status).toBe("succeeded");
    expect(await liveRules(namespace, name)).toEqual([`X-Canary=always -> ${name}-canary`, `* -> ${name}`]);
    expect(await canaryObjects(namespace, name)).toEqual(["Deployment", "Service"]);
    const history = await db.release.findMany({ where: ids, orderBy: { number: "asc" } });
    expect(history.map((r) => `${r.kind}:${r.status}`)).toEqual(["deploy:succeeded", "canary_start:succeeded"]);
    expect(await db.auditEvent.count({ where: { action: "release.canary-start", targetId: started.releaseId } })).toBe(
      1,
    );

    // A second canary on the same app and environment: a message on the field, nothing created.
    expect(await refused(startCanary(world.dev, start(ids, { tag: "v3" }), context))).toEqual({
      code: "invalid_input",
      field: "environmentId",
    });
    expect(await db.release.count({ where: ids })).toBe(2);

    // The tester's switch: off keeps the pods and takes the rule away; on puts it back. Viewers may not.
    expect(
      await refused(switchCanary(viewer, ZSwitchCanarySchema.parse({ ...ids, enabled: false }), context)),
    ).toMatchObject({ code: "forbidden" });
    expect((await switchCanary(tester, ZSwitchCanarySchema.parse({ ...ids, enabled: false }), context)).status).toBe(
      "succeeded",
    );
    expect(await liveRules(namespace, name)).toEqual([`* -> ${name}`]);
    expect(await canaryObjects(namespace, name)).toEqual(["Deployment", "Service"]);
    expect((await switchCanary(tester, ZSwitchCanarySchema.parse({ ...ids, enabled: true }), context)).status).toBe(
      "succeeded",
    );
    expect(await liveRules(namespace, name)).toEqual([`X-Canary=always -> ${name}-canary`, `* -> ${name}`]);

    // A stable deploy while the canary runs keeps its rule; the canary is untouched.
    const stable = await deployRelease(world.dev, ZDeploySchema.parse({ ...ids, tag: "v1.1" }), context);
    if (stable.kind !== "release") throw new Error("expected a release");
    expect((await settledRelease(stable.releaseId)).status).toBe("succeeded");
    expect(await liveRules(namespace, name)).toEqual([`X-Canary=always -> ${name}-canary`, `* -> ${name}`]);
    expect(await stableImage(namespace, name)).toBe("registry.example.com/shop/web:v1.1");
    expect(await canaryObjects(namespace, name)).toEqual(["Deployment", "Service"]);
    // A canary release is no rollback target.
    expect(
      await refused(rollbackRelease(world.dev, { ...ids, releaseId: started.releaseId, description: "" }, context)),
    ).toMatchObject({ field: "releaseId" });

    // Testers may not promote or abort.
    const target = ZCanaryTargetSchema.parse(ids);
    expect(await refused(promoteCanary(tester, target, context))).toMatchObject({ code: "forbidden" });
    expect(await refused(abortCanary(tester, target, context))).toMatchObject({ code: "forbidden" });

    // Promote: a deploy of the canary's image; once it has rolled out, the canary goes.
    const promoted = await promoteCanary(world.dev, target, context);
    if (promoted.kind !== "release") throw new Error("expected a release");
    expect((await settledRelease(promoted.releaseId)).status).toBe("succeeded");
    const removal = await eventually("the canary_promote release", async () =>
      db.release.findFirst({ where: { ...ids, kind: "canary_promote", status: "succeeded" } }),
    );
    expect(removal.actorLabel).toBe(world.dev.email);
    expect(await stableImage(namespace, name)).toBe("registry.example.com/shop/web:v2");
    expect(await liveRules(namespace, name)).toEqual([`* -> ${name}`]);
    expect(await canaryObjects(namespace, name)).toEqual([]);
    expect(await db.canary.count({ where: ids })).toBe(0);
    const kinds = (await db.release.findMany({ where: ids, orderBy: { number: "asc" } })).map((r) => r.kind);
    expect(kinds).toEqual([
      "deploy",
      "canary_start",
      "canary_switch",
      "canary_switch",
      "deploy",
      "deploy",
      "canary_promote",
    ]);
  });

  it("in a protected environment a developer's promote waits for approval, then the canary goes; a running canary is no drift", async () => {
    const { env, ids, namespace, name } = await gatewayApp("cq");
    expect((await startCanary(world.dev, start(ids), context)).status).toBe("succeeded");
    // The canary's rule and objects are not drift of the stable release.
    const drift = await appDrift(ids.appId, ids.environmentId);
    if (!drift.ok) throw new Error(drift.error);
    expect(drift.value?.items).toEqual([]);

    await db.environment.update({ where: { id: env.id }, data: { protected: true } });
    const target = ZCanaryTargetSchema.parse(ids);
    const promoted = await promoteCanary(world.dev, target, context);
    if (promoted.kind !== "request") throw new Error("expected a request for approval");
    // Nothing changes until someone approves: the canary keeps routing.
    expect(await liveRules(namespace, name)).toEqual([`X-Canary=always -> ${name}-canary`, `* -> ${name}`]);
    expect(await stableImage(namespace, name)).toBe("registry.example.com/shop/web:v1");
    // The developer may not approve their own promotion; ops may.
    expect(
      await refused(
        decideReleaseRequest(
          world.dev,
          ZDecideRequestSchema.parse({ requestId: promoted.requestId, decision: "approve" }),
          context,
        ),
      ),
    ).toMatchObject({ code: "forbidden" });
    const ops = await makeUser("ops");
    await decideReleaseRequest(
      ops,
      ZDecideRequestSchema.parse({ requestId: promoted.requestId, decision: "approve" }),
      context,
    );
    const removal = await eventually(
      "the canary_promote release",
      async () => db.release.findFirst({ where: { ...ids, kind: "canary_promote", status: "succeeded" } }),
      60_000,
    );
    expect(removal.kind).toBe("canary_promote");
    const deploy = await db.release.findFirstOrThrow({
      where: { ...ids, kind: "deploy" },
      orderBy: { number: "desc" },
    });
    expect(deploy).toMatchObject({ status: "succeeded", image: "registry.example.com/shop/web:v2" });
    expect(deploy.approvedByLabel).toBe(ops.email);
    expect(await stableImage(namespace, name)).toBe("registry.example.com/shop/web:v2");
    expect(await liveRules(namespace, name)).toEqual([`* -> ${name}`]);
    expect(await canaryObjects(namespace, name)).toEqual([]);
    expect(await db.canary.count({ where: ids })).toBe(0);
  });

  it("promote and abort while another release runs: 409 naming it", async () => {
    const { ids } = await gatewayApp("cl");
    expect((await startCanary(world.dev, start(ids), context)).status).toBe("succeeded");
    // A deploy held part-way through its apply holds the release lock.
    let reached!: () => void;
    const holding = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = deployRelease(world.dev, ZDeploySchema.parse({ ...ids, tag: "v1.2" }), context, {
      hooks: {
        afterObject: async (_ref, index) => {
          if (index > 0) return;
          reached();
          await gate;
        },
      },
    });
    await holding;
    const open = await db.release.findFirstOrThrow({ where: { ...ids, kind: "deploy", status: "applying" } });
    const target = ZCanaryTargetSchema.parse(ids);
    // One after the other: both started at once, the second's refusal would be unhandled
    // while the first is awaited.
    for (const attempt of [abortCanary, promoteCanary]) {
      const error = await attempt(world.dev, target, context).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("conflict");
      expect((error as AppError).message).toContain(`Release #${open.number} (deploy by ${world.dev.email})`);
    }
    release();
    const deployed = await running;
    if (deployed.kind !== "release") throw new Error("expected a release");
    await settledRelease(deployed.releaseId);
    // Nothing of the refused promotion stayed behind; abort now goes through.
    expect((await db.canary.findFirstOrThrow({ where: ids })).promotedBy).toBeNull();
    expect((await abortCanary(world.dev, target, context)).status).toBe("succeeded");
  });

  it("an API server cut off during a promotion fails its deploy and keeps the canary; promoting again converges", async () => {
    const proxy = await relay();
    const kubeconfig = sandboxKubeconfig("slipway").replace(
      /server: https:\/\/127\.0\.0\.1:\d+/,
      `server: https://127.0.0.1:${proxy.port}`,
    );
    const { ids, namespace, name } = await gatewayApp("cg", kubeconfig);
    expect((await startCanary(world.dev, start(ids), context)).status).toBe("succeeded");
    const target = ZCanaryTargetSchema.parse(ids);

    await proxy.close();
    const cut = await promoteCanary(world.dev, target, context);
    if (cut.kind !== "release") throw new Error("expected a release");
    const failed = await settledRelease(cut.releaseId);
    expect(failed.status).toBe("failed");
    expect(await db.releaseLock.count({ where: { appId: ids.appId } })).toBe(0);
    await proxy.open();
    // Nothing was removed: testers still reach the canary, the stable app still runs v1.
    expect(await db.canary.count({ where: ids })).toBe(1);
    expect(await canaryObjects(namespace, name)).toEqual(["Deployment", "Service"]);
    expect(await liveRules(namespace, name)).toEqual([`X-Canary=always -> ${name}-canary`, `* -> ${name}`]);
    expect(await stableImage(namespace, name)).toBe("registry.example.com/shop/web:v1");

    const again = await promoteCanary(world.dev, target, context);
    if (again.kind !== "release") throw new Error("expected a release");
    expect((await settledRelease(again.releaseId)).status).toBe("succeeded");
    await eventually("the canary_promote release", async () =>
      db.release.findFirst({ where: { ...ids, kind: "canary_promote", status: "succeeded" } }),
    );
    expect(await stableImage(namespace, name)).toBe("registry.example.com/shop/web:v2");
    expect(await canaryObjects(namespace, name)).toEqual([]);
    expect(await liveRules(namespace, name)).toEqual([`* -> ${name}`]);
    expect(await db.canary.count({ where: ids })).toBe(0);
    await proxy.close();
  });

  it("an API server cut off mid-start fails the release; a retry converges; abort removes everything and leaves the stable app", async () => {
    const proxy = await relay();
    const kubeconfig = sandboxKubeconfig("slipway").replace(
      /server: https:\/\/127\.0\.0\.1:\d+/,
      `server: https://127.0.0.1:${proxy.port}`,
    );
    const { ids, namespace, name, env } = await gatewayApp("cf", kubeconfig);

    const failed = await startCanary(world.dev, start(ids), context, {
      afterObject: async (_ref, index) => {
        if (index === 0) await proxy.close();
      },
    });
    expect(failed.status).toBe("failed");
    const release = await db.release.findUniqueOrThrow({ where: { id: failed.releaseId } });
    expect(release.status).toBe("failed");
    expect(release.error).toMatch(/unreachable/);
    expect(await db.canary.count({ where: ids })).toBe(0);
    expect(await db.releaseLock.count({ where: { appId: ids.appId } })).toBe(0);
    // The route never got the rule: the workload goes first.
    expect(await liveRules(namespace, name)).toEqual([`* -> ${name}`]);

    // The cluster is reachable again: the same start converges to the whole canary.
    await proxy.open();
    expect((await startCanary(world.dev, start(ids), context)).status).toBe("succeeded");
    expect(await canaryObjects(namespace, name)).toEqual(["Deployment", "Service"]);
    expect(await liveRules(namespace, name)).toEqual([`X-Canary=always -> ${name}-canary`, `* -> ${name}`]);

    // Abort cut off after the rule is gone: failed, the canary still recorded; aborting again converges.
    const target = ZCanaryTargetSchema.parse(ids);
    const cut = await abortCanary(world.dev, target, context, {
      afterObject: async (_ref, index) => {
        if (index === 0) await proxy.close();
      },
    });
    expect(cut.status).toBe("failed");
    expect(await db.canary.count({ where: ids })).toBe(1);
    await proxy.open();
    expect((await abortCanary(world.dev, target, context)).status).toBe("succeeded");
    expect(await canaryObjects(namespace, name)).toEqual([]);
    expect(await liveRules(namespace, name)).toEqual([`* -> ${name}`]);
    expect(await stableImage(namespace, name)).toBe("registry.example.com/shop/web:v1");
    expect(await db.canary.count({ where: ids })).toBe(0);

    // A failed start whose cluster still answers takes away what it created.
    const undone = await startCanary(world.dev, start(ids), context, {
      afterObject: async (_ref, index) => {
        if (index === 0) throw new Error("stopped part-way");
      },
    });
    expect(undone.status).toBe("failed");
    expect(await canaryObjects(namespace, name)).toEqual([]);
    expect(await liveRules(namespace, name)).toEqual([`* -> ${name}`]);
    await db.environment.update({
      where: { id: env.id },
      data: { kubeconfigEncrypted: sealSecret(sandboxKubeconfig("slipway"), kubeconfigPlace(env.id)) },
    });
    await proxy.close();
  });
});

// A TCP relay to the sandbox's API server that can be cut off and opened again on the same port.
async function relay(): Promise<{ port: number; close: () => Promise<void>; open: () => Promise<void> }> {
  const target = Number(inject("sandbox").port);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const open = async () => {
    const next = createServer((client) => {
      const upstream = connect(target, "127.0.0.1");
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
    });
    await new Promise<void>((resolve) => next.listen(port, "127.0.0.1", resolve));
    port = (next.address() as { port: number }).port;
    server = next;
  };
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await open();
  return { port, close, open };
}
