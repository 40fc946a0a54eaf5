import { randomBytes } from "node:crypto";
import type { KubernetesObject, V1Deployment } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { canonicalJson } from "@/lib/diff/canonical-json";
import { eventually, sandboxClient } from "@/test/sandbox";
import { FaultProxy } from "@/test/support/fault-proxy";
import { instanceDeployment } from "@/test/support/instance-deployment";
import { applyObject } from "./apply-objects";
import { buildClient, type KubeClient } from "./client";
import { followRollout, type RolloutEvent, type RolloutOutcome } from "./follow-rollout";
import { parseKubeconfig } from "./kubeconfig";
import type { RolloutProgress } from "./rollout-status";
import { acquireCache, cacheHealth, stopAllCaches } from "./watch-cache/registry";

// The release follower on the namespace's shared watch caches, through a proxy the test can
// hold or cut between Slipway and the sandbox's apiserver.
const namespace = `follow-${randomBytes(3).toString("hex")}`;
const admin = sandboxClient("admin");
let proxy: FaultProxy;
let client: KubeClient;

beforeAll(async () => {
  await admin.core.createNamespace({ body: { metadata: { name: namespace } } });
  proxy = await FaultProxy.start(inject("sandbox"));
  client = buildClient(`follow-${namespace}`, parseKubeconfig(proxy.slipwayKubeconfig()).config);
});

afterAll(async () => {
  stopAllCaches();
  await proxy.down();
  await admin.core.deleteNamespace({ name: namespace });
});

// Paused: the controller neither progresses nor calls the deadline. A short deadline only where
// a test waits for it: a rollout slower than that on a loaded machine would end "failed".
const deployment = (
  name: string,
  tag: string,
  options: { unready?: boolean; paused?: boolean; deadlineSeconds?: number } = {},
) => instanceDeployment(namespace, name, `registry.example.com/${name}:${tag}`, options);

// Follows `name` as the release that applied `applied` would, recording what it reports.
function follow(name: string, applied: KubernetesObject, controller = new AbortController(), inNamespace = namespace) {
  const progress: RolloutProgress[] = [];
  const events: RolloutEvent[] = [];
  let ended: RolloutOutcome | null = null;
  const outcome = followRollout(
    client,
    {
      namespace: inNamespace,
      deployment: name,
      podLabels: { "app.kubernetes.io/instance": name },
      since: new Date(Date.now() - 1_000),
      template: canonicalJson((applied as V1Deployment).spec?.template ?? {}),
      generation: applied.metadata?.generation ?? 0,
    },
    { progress: (p) => progress.push(p), event: (e) => events.push(e) },
    controller.signal,
  ).then((result) => (ended = result));
  return { outcome, progress, events, ended: () => ended };
}

const apply = async (object: KubernetesObject) => (await applyObject(client, object)).object;

describe("following a rollout from the shared watch caches", () => {
  it("never takes a cache still holding the Deployment from before the apply for our rollout or another's", async () => {
    const v1 = await apply(deployment("lagged", "1"));
    const first = await follow("lagged", v1).outcome;
    expect(first).toMatchObject({ phase: "complete", progress: { revision: 1 } });
    // The caches are warm; the next change reaches the apiserver but not yet the cache.
    proxy.holdWatches();
    const v2 = await apply(deployment("lagged", "2"));
    const { cache, release } = acquireCache(client, "deployments", namespace);
    expect(cache.objects.get("lagged")?.generation).toBeLessThan(v2.metadata!.generation!);
    const second = follow("lagged", v2);
    // A few evaluations of the lagging cache (one a second): it holds v1 complete, with
    // another pod template, which must be neither success nor "superseded".
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(second.ended()).toBeNull();
    expect(second.progress).toEqual([]);
    proxy.releaseWatches();
    const outcome = await second.outcome;
    release();
    expect(outcome).toMatchObject({ phase: "complete", progress: { revision: 2 } });
    expect(second.progress.every((p) => p.generation >= v2.metadata!.generation!)).toBe(true);
    // The pods agree with the Deployment: its new pod is there and ready (the old one may still
    // be on its way out).
    if (outcome.phase !== "complete") return;
    expect(outcome.pods).toContainEqual(
      expect.objectContaining({ image: "registry.example.com/lagged:2", ready: true }),
    );
  });

  it("ends 'superseded' naming the manager when someone else rolls out another template", async () => {
    const applied = await apply(deployment("overtaken", "1", { unready: true }));
    const followed = follow("overtaken", applied);
    await eventually("the rollout followed", async () => followed.progress.length > 0);
    await admin.apps.patchNamespacedDeployment({
      name: "overtaken",
      namespace,
      fieldManager: "kubectl-set",
      body: [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "registry.example.com/x:9" }],
    });
    const outcome = await followed.outcome;
    expect(outcome.phase).toBe("superseded");
    expect(outcome.message).toMatch(/^Another pod template was rolled out during this release by "kubectl-set"/);
  });

  it("ends 'gone' when the Deployment is deleted mid-rollout", async () => {
    const applied = await apply(deployment("doomed", "1", { paused: true }));
    const followed = follow("doomed", applied);
    await eventually("the rollout followed", async () => followed.progress.length > 0);
    await admin.apps.deleteNamespacedDeployment({ name: "doomed", namespace });
    expect(await followed.outcome).toMatchObject({ phase: "gone", message: "Deployment doomed was deleted" });
  });

  it("stops at once when told to, and lets go of the caches", async () => {
    const applied = await apply(deployment("stopped", "1", { paused: true }));
    const controller = new AbortController();
    const followed = follow("stopped", applied, controller);
    await eventually("the rollout followed", async () => followed.progress.length > 0);
    controller.abort();
    expect(await followed.outcome).toMatchObject({ phase: "aborted" });
    // Nothing follows any more: the caches are left to stop when idle.
    expect(cacheHealth(client.environment).map(({ kind, holders }) => [kind, holders])).toEqual([
      ["deployments", 0],
      ["events", 0],
      ["pods", 0],
    ]);
  });

  it("waits for a namespace's events to be listed, so a quick rollout's outcome comes with its events", async () => {
    // A namespace no cache has seen yet, whose events the apiserver lists slowly: the Deployment
    // and its pods are listed, complete, before the events are.
    const cold = `${namespace}-cold`;
    await admin.core.createNamespace({ body: { metadata: { name: cold } } });
    proxy.slowRequests(new RegExp(`^/api/v1/namespaces/${cold}/events\\?`), 2_500);
    try {
      const applied = await apply(instanceDeployment(cold, "quick", "registry.example.com/quick:1"));
      const followed = follow("quick", applied, new AbortController(), cold);
      expect(await followed.outcome).toMatchObject({ phase: "complete" });
      expect(followed.events.map((event) => event.reason)).toContain("ScalingReplicaSet");
    } finally {
      proxy.slowRequests(/^$/, 0);
      await admin.core.deleteNamespace({ name: cold });
    }
  });

  // Last: the caches come back from the cut slowly (their backoff has grown).
  it(
    "ends 'unreachable' with the cluster's error once the caches cannot resync past the deadline",
    { timeout: 180_000 },
    async () => {
      // Paused, so only the cut counts.
      const applied = await apply(deployment("cutoff", "1", { paused: true, deadlineSeconds: 1 }));
      const followed = follow("cutoff", applied);
      await eventually("the rollout followed", async () => followed.progress.length > 0);
      await proxy.down();
      try {
        const outcome = await eventually("the verdict", async () => followed.ended(), 120_000);
        expect(outcome.phase).toBe("unreachable");
        expect(outcome.message).toMatch(new RegExp(`^${client.environment}: `));
      } finally {
        await proxy.up();
      }
    },
  );
});
