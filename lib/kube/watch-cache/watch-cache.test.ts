import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildClient, type KubeClient } from "@/lib/kube/client";
import { parseKubeconfig } from "@/lib/kube/kubeconfig";
import { kubeRequestCounts } from "@/lib/kube/request-counts";
import { eventually, sandboxClient } from "@/test/sandbox";
import { FaultProxy } from "@/test/support/fault-proxy";
import { acquireCache, cacheHealth, stopAllCaches } from "./registry";

const namespace = `wc-${randomBytes(3).toString("hex")}`;
const admin = sandboxClient("admin");
let proxy: FaultProxy;
let client: KubeClient;

async function createDeployment(name: string, replicas = 1) {
  await admin.apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: "app", image: `registry.example.com/${name}:1` }] },
        },
      },
    },
  });
}

beforeAll(async () => {
  await admin.core.createNamespace({ body: { metadata: { name: namespace } } });
  await createDeployment("first");
  // Slipway's identity, through a proxy the test can cut.
  proxy = await FaultProxy.start(inject("sandbox"));
  client = buildClient(`cache-${namespace}`, parseKubeconfig(proxy.slipwayKubeconfig()).config);
});

afterAll(async () => {
  stopAllCaches();
  await proxy.down();
  await admin.core.deleteNamespace({ name: namespace });
});

const names = (objects: Map<string, unknown>) => [...objects.keys()].sort();

describe("a shared watch cache", () => {
  it("lists, then follows additions, changes and deletions; readers share one watch", async () => {
    const one = acquireCache(client, "deployments", namespace);
    const two = acquireCache(client, "deployments", namespace);
    expect(two.cache).toBe(one.cache);
    await one.cache.whenSynced();
    expect(names(one.cache.objects)).toEqual(["first"]);
    expect(one.cache.objects.get("first")).toMatchObject({ desired: 1, images: ["registry.example.com/first:1"] });
    await createDeployment("second", 2);
    await eventually("the new Deployment in the cache", async () => one.cache.objects.get("second")?.desired === 2);
    await admin.apps.deleteNamespacedDeployment({ name: "second", namespace });
    await eventually("the deletion in the cache", async () => !one.cache.objects.has("second"));
    const watches = kubeRequestCounts().find((c) => c.environment === client.environment && c.verb === "watch");
    expect(watches?.count).toBe(1);
    expect(cacheHealth(client.environment)).toEqual([
      expect.objectContaining({ kind: "deployments", namespace, synced: true, objects: 1, holders: 2, restarts: 0 }),
    ]);
    one.release();
    two.release();
  });

  it("survives a dropped connection: resumes and sees what changed meanwhile", async () => {
    const { cache, release } = acquireCache(client, "deployments", namespace);
    await cache.whenSynced();
    proxy.drop();
    await createDeployment("during-drop");
    await eventually("the change made while the watch was cut", async () => cache.objects.has("during-drop"));
    expect(cache.synced).toBe(true);
    release();
  });

  it(
    "survives the apiserver going away: says it is unsynced, then recovers and catches up",
    { timeout: 120_000 },
    async () => {
      const { cache, release } = acquireCache(client, "deployments", namespace);
      await cache.whenSynced();
      const restartsBefore = cache.health().restarts;
      await proxy.down();
      await eventually("the cache to say it is not synced", async () => !cache.synced);
      expect(cache.health().lastError).toBeTruthy();
      await createDeployment("while-down");
      await proxy.up();
      await cache.whenSynced(60_000);
      await eventually("what changed while it was down", async () => cache.objects.has("while-down"));
      expect(cache.health().restarts).toBeGreaterThan(restartsBefore);
      release();
    },
  );

  it("relists on 410 Gone, dropping what was deleted while it could not watch", { timeout: 120_000 }, async () => {
    const { cache, release } = acquireCache(client, "deployments", namespace);
    await cache.whenSynced();
    const relists = cache.health().relists;
    await proxy.down();
    await admin.apps.deleteNamespacedDeployment({ name: "while-down", namespace });
    // The version the cache resumes from is gone meanwhile: the watch is answered 410 Expired.
    proxy.expireNextWatch();
    await proxy.up();
    await eventually("a relist after 410", async () => cache.health().relists > relists, 90_000);
    await eventually("the deletion seen by the relist", async () => !cache.objects.has("while-down"));
    expect(cache.synced).toBe(true);
    release();
  });

  it("stops when idle and starts again on the next use", async () => {
    const { cache, release } = acquireCache(client, "pods", namespace, { idleMs: 50 });
    await cache.whenSynced();
    release();
    await eventually(
      "the idle cache stopped",
      async () => !cacheHealth(client.environment).some((c) => c.kind === "pods"),
    );
    expect(cache.synced).toBe(false);
    const again = acquireCache(client, "pods", namespace);
    expect(again.cache).not.toBe(cache);
    await again.cache.whenSynced();
    again.release();
  });

  it("keeps a cache replaced by a new client (the environment saved again) for its holders until they let go", async () => {
    const held = acquireCache(client, "deployments", namespace);
    await held.cache.whenSynced();
    const saved = buildClient(client.environment, parseKubeconfig(proxy.slipwayKubeconfig()).config);
    const fresh = acquireCache(saved, "deployments", namespace);
    expect(fresh.cache).not.toBe(held.cache);
    await fresh.cache.whenSynced();
    // A follower holding the old one goes on reading it.
    expect(held.cache.synced).toBe(true);
    held.release();
    expect(held.cache.synced).toBe(false);
    const deployments = cacheHealth(client.environment).filter((health) => health.kind === "deployments");
    expect(deployments).toEqual([expect.objectContaining({ synced: true, holders: 1 })]);
    fresh.release();
  });
});
