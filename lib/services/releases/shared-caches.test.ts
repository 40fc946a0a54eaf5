// Release followers read the namespace's shared watch caches (issue 17): rollouts followed at
// once in one namespace cost one watch per kind between them, not three each.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/crypto/keys";
import { kubeconfigPlace } from "@/lib/kube/client";
import { kubeRequestCounts } from "@/lib/kube/request-counts";
import type { PodLine } from "@/lib/kube/rollout-status";
import { cacheHealth } from "@/lib/kube/watch-cache/registry";
import { ZDeploySchema, ZScaleSchema } from "@/lib/validations/release";
import { context } from "@/test/factories";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { makeReleaseWorld, settledRelease } from "@/test/release-fixtures";
import { eventually } from "@/test/sandbox";
import { FaultProxy } from "@/test/support/fault-proxy";
import { deployRelease } from "./deploy-release";
import { scaleApp } from "./scale-app";

const APPS = 8;

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
let crowd: Awaited<ReturnType<World["environment"]>>;

beforeAll(async () => {
  world = await makeReleaseWorld();
  crowd = await world.environment("crowd");
  await startTestJobs();
});

afterAll(async () => {
  await stopTestJobs();
});

const watches = () =>
  kubeRequestCounts().find((count) => count.environment === crowd.name && count.verb === "watch")?.count ?? 0;

describe("release followers on shared watch caches", () => {
  it(
    `${APPS} concurrent deploys in one namespace, twice, each followed to success on one watch per kind`,
    { timeout: 600_000 },
    async () => {
      const apps = [];
      for (let i = 1; i <= APPS; i++) apps.push(await world.app(`crowd${i}`, {}, crowd.id));
      const namespace = `${world.team.name}-${crowd.name}`;
      expect(watches()).toBe(0);
      // The second round starts with warm caches, which may still hold each Deployment as the
      // first round left it when its follower starts.
      for (const [round, tag] of ["v1", "v2"].entries()) {
        const started = await Promise.all(
          apps.map(async (app) => {
            const result = await deployRelease(
              world.dev,
              ZDeploySchema.parse({ appId: app.id, environmentId: crowd.id, tag }),
              context,
            );
            if (result.kind !== "release") throw new Error("expected a release");
            return result.releaseId;
          }),
        );
        const ended = await Promise.all(started.map((id) => settledRelease(id, 300_000)));
        expect(ended.map((release) => [release.status, release.kubeRevision])).toEqual(
          apps.map(() => ["succeeded", round + 1]),
        );
        for (const release of ended) {
          const pods = (release.progress as { pods: PodLine[] }).pods;
          expect(pods.filter((pod) => pod.ready).map((pod) => pod.image)).toContain(
            `registry.example.com/team/hello-app:${tag}`,
          );
        }
      }
      const caches = cacheHealth(crowd.name);
      expect(caches.map((cache) => `${cache.namespace}/${cache.kind}`)).toEqual([
        `${namespace}/deployments`,
        `${namespace}/events`,
        `${namespace}/pods`,
      ]);
      // One watch connection per cache, plus one per restart after a failed connection.
      const restarts = caches.reduce((sum, cache) => sum + cache.restarts, 0);
      expect(watches()).toBe(caches.length + restarts);
    },
  );

  it(
    "a scale followed from a warm cache that still holds the Deployment as before ends at the new count",
    { timeout: 180_000 },
    async () => {
      // The environment reaches the cluster through a proxy that can hold what watches deliver.
      const proxy = await FaultProxy.start(inject("sandbox"));
      try {
        const lagging = await world.environment("lag");
        await db.environment.update({
          where: { id: lagging.id },
          data: { kubeconfigEncrypted: sealSecret(proxy.slipwayKubeconfig(), kubeconfigPlace(lagging.id)) },
        });
        const app = await world.app("lagscale", { replicas: 1 }, lagging.id);
        const ids = { appId: app.id, environmentId: lagging.id };
        const deployed = await deployRelease(world.dev, ZDeploySchema.parse({ ...ids, tag: "v1" }), context);
        if (deployed.kind !== "release") throw new Error("expected a release");
        expect((await settledRelease(deployed.releaseId)).status).toBe("succeeded");
        // The caches stay warm with one replica; the scale reaches the apiserver, not the cache.
        proxy.holdWatches();
        const scaled = await scaleApp(world.ops, ZScaleSchema.parse({ ...ids, replicas: 2 }), context);
        const held = () => cacheHealth(lagging.name).find((cache) => cache.kind === "deployments")?.holders ?? 0;
        const status = async () => (await db.release.findUniqueOrThrow({ where: { id: scaled.releaseId } })).status;
        await eventually(
          "the scale's follower on the caches",
          async () => held() > 0 || (await status()) !== "progressing",
        );
        // A few evaluations of the cache (one a second), which says the old count is all ready.
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        expect(await status()).toBe("progressing");
        proxy.releaseWatches();
        const ended = await settledRelease(scaled.releaseId, 120_000);
        expect(ended.status).toBe("succeeded");
        const progress = ended.progress as { rollout: { desired: number; ready: number }; pods: PodLine[] };
        expect(progress.rollout).toMatchObject({ desired: 2, ready: 2 });
        expect(progress.pods.filter((pod) => pod.ready)).toHaveLength(2);
      } finally {
        proxy.releaseWatches();
        await proxy.down();
      }
    },
  );
});
