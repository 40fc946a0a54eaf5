// Drift (issue 10): the app page and the deploy preview compare the cluster with the last
// succeeded release and name the field managers that changed it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZDeploySchema, ZScaleSchema } from "@/lib/validations/release";
import { context } from "@/test/factories";
import { makeReleaseWorld, settledRelease } from "@/test/release-fixtures";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { kubectl } from "@/test/sandbox";
import { appDrift } from "./app-drift";
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

async function drift(appId: string) {
  const read = await appDrift(appId, dev.id);
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
});
