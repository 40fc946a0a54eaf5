// Drift (issue 10): the app page and the deploy preview compare the cluster with the last
// succeeded release and name the field managers that changed it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZDeploySchema, ZScaleSchema } from "@/lib/validations/release";
import { context } from "@/test/factories";
import { makeReleaseWorld, settledRelease } from "@/test/release-fixtures";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { kubectl } from "@/test/sandbox";
import { kubeRequestCounts } from "@/lib/kube/request-counts";
import { appDrift, RECHECK_MS } from "./app-drift";
import { deployRelease } from "./deploy-release";
import { previewDeploy } from "./preview-deploy";
import { restartApp } from "./restart-app";
import { scaleApp } from "./scale-app";

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
let dev: Awaited<ReturnType<World["environment"]>>;

beforeAll(async () => {
  world = await makeReleaseWorld();
  dev = await world.environment("drift");
  await startTestJobs();
});

afterAll(async () => {
  await stopTestJobs();
});

const namespace = () => `${world.team.name}-${dev.name}`;
const IMAGE = "registry.example.com/team/hello-app";

async function deploy(appId: string, tag: string, takeOver = false) {
  const result = await deployRelease(
    world.dev,
    ZDeploySchema.parse({ appId, environmentId: dev.id, tag, takeOver }),
    context,
  );
  if (result.kind !== "release") throw new Error("expected a release");
  return settledRelease(result.releaseId, 90_000);
}

async function drift(appId: string, now?: number) {
  const read = await appDrift(appId, dev.id, now);
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

describe("drift against the last succeeded release", () => {
  it("names what another manager edited, scaled and deleted; the preview lists it; a deploy puts it back", async () => {
    const app = await world.app("drifty", { replicas: 2 }, dev.id);
    const first = await deploy(app.id, "v1");
    expect(first.status).toBe("succeeded");
    expect(await drift(app.id)).toEqual({ number: first.number, items: [] });

    // Slipway's own restart and scale are releases, not drift.
    const restart = await restartApp(world.dev, { appId: app.id, environmentId: dev.id }, context);
    expect((await settledRelease(restart.releaseId, 90_000)).status).toBe("succeeded");
    const scale = await scaleApp(
      world.ops,
      ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 3 }),
      context,
    );
    const scaled = await settledRelease(scale.releaseId, 90_000);
    expect(scaled.status).toBe("succeeded");
    expect(await drift(app.id)).toEqual({ number: scaled.number, items: [] });

    const ns = namespace();
    kubectl("set", "env", "deployment/drifty", "MESSAGE=edited by hand", "DEBUG=1", "-n", ns);
    kubectl("set", "image", "deployment/drifty", `app=${IMAGE}:hotfix`, "-n", ns);
    kubectl("scale", "deployment/drifty", "--replicas=5", "-n", ns);
    kubectl("delete", "configmap/drifty-config", "-n", ns);

    // The check runs again once the namespace's Deployments cache has seen the edits.
    await expect.poll(async () => (await drift(app.id))?.items.length, { timeout: 10_000 }).toBe(5);
    const found = await drift(app.id);
    expect(found?.number).toBe(scaled.number);
    const byObject = (found?.items ?? []).map((item) => ({
      key: item.message.key,
      ...item.message.values,
      managers: item.managers,
    }));
    expect(byObject).toEqual(
      expect.arrayContaining([
        { key: "drift.missing", object: "ConfigMap/drifty-config", managers: [] },
        {
          key: "drift.replicas",
          object: "Deployment/drifty",
          expected: 3,
          actual: 5,
          managers: [expect.stringMatching(/^kubectl/)],
        },
        {
          key: "drift.image",
          object: "Deployment/drifty",
          container: "app",
          expected: `${IMAGE}:v1`,
          actual: `${IMAGE}:hotfix`,
          managers: ["kubectl-set"],
        },
        {
          key: "drift.envChanged",
          object: "Deployment/drifty",
          container: "app",
          name: "MESSAGE",
          expected: "hello",
          actual: "edited by hand",
          managers: ["kubectl-set"],
        },
        {
          key: "drift.envAdded",
          object: "Deployment/drifty",
          container: "app",
          name: "DEBUG",
          expected: "",
          actual: "1",
          managers: ["kubectl-set"],
        },
      ]),
    );
    expect(byObject).toHaveLength(5);
    // kubectl scale goes through the scale subresource as its own manager, never as Slipway.
    expect(byObject.find((item) => item.key === "drift.replicas")?.managers).not.toContain("slipway");

    const preview = await previewDeploy(world.dev, { appId: app.id, environmentId: dev.id, tag: "v2" });
    expect(preview.drift).toEqual(found);

    const next = await deploy(app.id, "v2", true);
    expect(next.status).toBe("succeeded");
    expect(await drift(app.id)).toEqual({ number: next.number, items: [] });
  }, 300_000);

  it("says nothing while a release is under way, and nothing before the first one succeeds", async () => {
    const app = await world.app("calm", {}, dev.id);
    expect(await drift(app.id)).toBeNull();
    const result = await deployRelease(
      world.dev,
      ZDeploySchema.parse({ appId: app.id, environmentId: dev.id, tag: "v1" }),
      context,
    );
    if (result.kind !== "release") throw new Error("expected a release");
    if (result.status === "progressing") expect(await drift(app.id)).toBeNull();
    expect((await settledRelease(result.releaseId, 90_000)).status).toBe("succeeded");
    expect((await drift(app.id))?.items).toEqual([]);
  }, 180_000);

  it("a view reads the last check: the cluster is asked again when a Deployment changes, a release succeeds or a minute passes", async () => {
    const app = await world.app("quiet", {}, dev.id);
    const first = await deploy(app.id, "v1");
    expect(first.status).toBe("succeeded");
    const keys = async (now?: number) =>
      ((await drift(app.id, now))?.items ?? []).map((item) => item.message.key).sort();
    expect(await keys()).toEqual([]);

    // Views in between send no request to the cluster.
    const sent = () =>
      kubeRequestCounts()
        .filter((count) => count.environment === dev.name && count.verb !== "watch")
        .reduce((sum, count) => sum + count.count, 0);
    const before = sent();
    for (let view = 0; view < 5; view += 1) expect(await keys()).toEqual([]);
    expect(sent()).toBe(before);

    // An edit to the Deployment reaches the cache; the next view checks again and names it.
    const ns = namespace();
    kubectl("set", "image", "deployment/quiet", `app=${IMAGE}:by-hand`, "-n", ns);
    await expect.poll(() => keys(), { timeout: 10_000 }).toEqual(["drift.image"]);
    const checked = sent();
    expect(checked).toBeGreaterThan(before);

    // A ConfigMap is in no cache: its deletion shows once the last check is a minute old.
    kubectl("delete", "configmap/quiet-config", "-n", ns);
    expect(await keys()).toEqual(["drift.image"]);
    expect(sent()).toBe(checked);
    expect(await keys(Date.now() + RECHECK_MS)).toEqual(["drift.image", "drift.missing"]);

    // A succeeded release is a new basis: checked at once.
    const next = await deploy(app.id, "v2", true);
    expect(next.status).toBe("succeeded");
    expect(await drift(app.id)).toEqual({ number: next.number, items: [] });
  }, 180_000);
});
