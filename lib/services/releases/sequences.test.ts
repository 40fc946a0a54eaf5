// Sequences of ordinary operations (issue 10): no release may fail because of an earlier
// Slipway release, and the deploy preview names every conflict the deploy will meet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZDeploySchema, ZScaleSchema } from "@/lib/validations/release";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { context } from "@/test/factories";
import { makeReleaseWorld, settledRelease, openTestRelease } from "@/test/release-fixtures";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { eventually, kubectl, sandboxClient } from "@/test/sandbox";
import { decideReleaseRequest } from "./decide-release-request";
import { deployRelease } from "./deploy-release";
import { previewDeploy } from "./preview-deploy";
import { finishRelease } from "./release-store";
import { rollbackRelease } from "./rollback-release";
import { restartApp } from "./restart-app";
import { scaleApp } from "./scale-app";

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
let dev: Awaited<ReturnType<World["environment"]>>;
const admin = () => sandboxClient("admin");

beforeAll(async () => {
  world = await makeReleaseWorld();
  dev = await world.environment("seq");
  await startTestJobs();
});

afterAll(async () => {
  await stopTestJobs();
});

const namespace = () => `${world.team.name}-${dev.name}`;

const settled = (releaseId: string) => settledRelease(releaseId, 90_000);

async function deploy(appId: string, tag: string, takeOver = false) {
  const result = await deployRelease(
    world.dev,
    ZDeploySchema.parse({ appId, environmentId: dev.id, tag, takeOver }),
    context,
  );
  if (result.kind !== "release") throw new Error("expected a release");
  return settled(result.releaseId);
}

async function rollback(appId: string, releaseId: string) {
  const result = await rollbackRelease(
    world.dev,
    { releaseId, appId, environmentId: dev.id, description: "" },
    context,
  );
  return settled(result.releaseId);
}

async function preview(appId: string, tag: string) {
  return previewDeploy(world.dev, { appId, environmentId: dev.id, tag });
}

const liveDeployment = (name: string) => admin().apps.readNamespacedDeployment({ name, namespace: namespace() });

describe("sequences of Slipway's own operations never conflict with each other", () => {
  it("deploy -> restart -> deploy: the preview shows no conflict and the deploy succeeds", async () => {
    const app = await world.app("again", {}, dev.id);
    expect((await deploy(app.id, "v1")).status).toBe("succeeded");
    const restart = await restartApp(world.dev, { appId: app.id, environmentId: dev.id }, context);
    expect((await settled(restart.releaseId)).status).toBe("succeeded");
    const restartedAt = (await liveDeployment("again")).spec?.template.metadata?.annotations?.[
      "kubectl.kubernetes.io/restartedAt"
    ];
    expect(restartedAt).toBeTruthy();

    expect((await preview(app.id, "v2")).conflicts).toEqual([]);
    const next = await deploy(app.id, "v2");
    expect(next.error).toBeNull();
    expect(next.status).toBe("succeeded");
    const live = await liveDeployment("again");
    expect(live.spec?.template.spec?.containers[0]?.image).toBe("registry.example.com/team/hello-app:v2");
    expect(live.metadata?.annotations?.["kubernetes.io/change-cause"]).toMatch(/^Slipway #3 deploy /);
    // The restart is kept: the next deploy does not take the annotation away (which would roll
    // the pods once more by itself).
    expect(live.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBe(restartedAt);
  });

  it("restart -> rollback succeeds", async () => {
    const app = await world.app("undo", {}, dev.id);
    const v1 = await deploy(app.id, "v1");
    await deploy(app.id, "v2");
    const restart = await restartApp(world.dev, { appId: app.id, environmentId: dev.id }, context);
    expect((await settled(restart.releaseId)).status).toBe("succeeded");
    const back = await rollback(app.id, v1.id);
    expect(back.error).toBeNull();
    expect(back.status).toBe("succeeded");
    expect((await liveDeployment("undo")).spec?.template.spec?.containers[0]?.image).toBe(
      "registry.example.com/team/hello-app:v1",
    );
  });

  it("scale -> rollback to a release stored with other replicas takes that count", async () => {
    const app = await world.app("counted", { replicas: 4 }, dev.id);
    const four = await deploy(app.id, "v1");
    const scaled = await scaleApp(
      world.ops,
      ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 3 }),
      context,
    );
    expect((await settled(scaled.releaseId)).status).toBe("succeeded");
    expect((await liveDeployment("counted")).spec?.replicas).toBe(3);
    const back = await rollback(app.id, four.id);
    expect(back.error).toBeNull();
    expect(back.status).toBe("succeeded");
    expect((await liveDeployment("counted")).spec?.replicas).toBe(4);
  });

  it("autoscaling on -> off -> deploy: the Deployment gets its replica count back from the autoscaler", async () => {
    const app = await world.app("elastic", { autoscaling: { enabled: true, min: 2, max: 4, targetCpu: 80 } }, dev.id);
    expect((await deploy(app.id, "v1")).status).toBe("succeeded");
    // The autoscaler raises the Deployment to its minimum through the scale subresource.
    await eventually(
      "the autoscaler to set 2 replicas",
      async () => (await liveDeployment("elastic")).spec?.replicas === 2,
    );
    // Ops turn autoscaling off (replicas and autoscaling are theirs to set).
    await saveAppEnvironment(
      world.ops,
      {
        appId: app.id,
        environmentId: dev.id,
        values: { replicas: 3, autoscaling: { enabled: false, min: 2, max: 4, targetCpu: 80 } },
      },
      context,
    );
    expect((await preview(app.id, "v2")).conflicts).toEqual([]);
    const off = await deploy(app.id, "v2");
    expect(off.error).toBeNull();
    expect(off.status).toBe("succeeded");
    expect((await liveDeployment("elastic")).spec?.replicas).toBe(3);
    await expect(
      admin().autoscaling.readNamespacedHorizontalPodAutoscaler({ name: "elastic", namespace: namespace() }),
    ).rejects.toMatchObject({ code: 404 });
    expect((await deploy(app.id, "v3")).status).toBe("succeeded");
  });

  it("takes over what an earlier Slipway version wrote with an update instead of an apply", async () => {
    const app = await world.app("legacy", { replicas: 1 }, dev.id);
    await deploy(app.id, "v1");
    // Earlier versions scaled and restarted with plain updates as manager "slipway".
    await admin().apps.patchNamespacedDeployment({
      name: "legacy",
      namespace: namespace(),
      fieldManager: "slipway",
      body: [{ op: "replace", path: "/spec/template/spec/containers/0/env/0/value", value: "written by an update" }],
    });
    expect((await preview(app.id, "v2")).conflicts).toEqual([]);
    const next = await deploy(app.id, "v2");
    expect(next.status).toBe("succeeded");
    expect((await liveDeployment("legacy")).spec?.template.spec?.containers[0]?.env?.[0]?.value).toBe("hello");
  });
});

describe("conflicts with other managers", () => {
  it("kubectl edit by someone else: the preview shows the conflict, the deploy names it, take-over works", async () => {
    const app = await world.app("foreign", { replicas: 1 }, dev.id);
    await deploy(app.id, "v1");
    // Slipway's own restart and scale before the foreign edit must not show up as conflicts.
    await settled((await restartApp(world.dev, { appId: app.id, environmentId: dev.id }, context)).releaseId);
    await settled(
      (await scaleApp(world.ops, ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 2 }), context))
        .releaseId,
    );
    await admin().apps.patchNamespacedDeployment({
      name: "foreign",
      namespace: namespace(),
      fieldManager: "kubectl-edit",
      body: [{ op: "replace", path: "/spec/template/spec/containers/0/env/0/value", value: "edited by hand" }],
    });
    const shown = await preview(app.id, "v2");
    expect(shown.conflicts).toEqual([
      { kind: "Deployment", name: "foreign", manager: "kubectl-edit", field: expect.stringContaining("env") },
    ]);
    const refused = await deploy(app.id, "v2");
    expect(refused.status).toBe("failed");
    const met = (refused.applied as { conflicts: unknown[] }).conflicts;
    // The preview predicted exactly what the deploy met.
    expect(met).toEqual(shown.conflicts);
    expect(refused.error).toContain('is managed by "kubectl-edit"');
    expect(refused.error).not.toContain('"slipway"');
    // Stopped part-way, it says what the cluster now has.
    expect(refused.error).toContain("Applied 2 of 3 objects: ConfigMap/foreign-config, Service/foreign.");
    expect(refused.error).toContain("Not applied: Deployment/foreign.");
    expect(refused.error).toContain("The running pods were not changed");

    const taken = await deploy(app.id, "v2", true);
    expect(taken.status).toBe("succeeded");
    const live = await liveDeployment("foreign");
    expect(live.spec?.template.spec?.containers[0]?.env?.[0]?.value).toBe("hello");
    expect(live.spec?.template.spec?.containers[0]?.image).toBe("registry.example.com/team/hello-app:v2");
    expect((await preview(app.id, "v3")).conflicts).toEqual([]);
  });

  it("the preview predicts a conflict on the change-cause annotation the deploy writes", async () => {
    const app = await world.app("annotated", {}, dev.id);
    await deploy(app.id, "v1");
    kubectl("annotate", "--overwrite", "deployment/annotated", "kubernetes.io/change-cause=by hand", "-n", namespace());
    const shown = await preview(app.id, "v2");
    expect(shown.conflicts.map((conflict) => `${conflict.manager} ${conflict.field}`)).toEqual([
      expect.stringMatching(/^kubectl-annotate .*change-cause/),
    ]);
    const refused = await deploy(app.id, "v2");
    expect(refused.status).toBe("failed");
    expect((refused.applied as { conflicts: unknown[] }).conflicts).toEqual(shown.conflicts);
  });
});

describe("found by the model-based test (release-model.test.ts)", () => {
  it("a scale after a deploy that failed before its Deployment was applied records and keeps what runs", async () => {
    const app = await world.app("stale", { replicas: 1 }, dev.id);
    const v1 = await deploy(app.id, "v1");
    await admin().apps.patchNamespacedDeployment({
      name: "stale",
      namespace: namespace(),
      fieldManager: "kubectl-edit",
      body: [{ op: "replace", path: "/spec/template/spec/containers/0/env/0/value", value: "edited by hand" }],
    });
    expect((await deploy(app.id, "v2")).status).toBe("failed");
    const scaled = await settled(
      (await scaleApp(world.ops, ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 2 }), context))
        .releaseId,
    );
    expect(scaled.status).toBe("succeeded");
    // Not v2's image, which never ran: a rollback to this release must not roll it out.
    expect(scaled.image).toBe(v1.image);
    expect(scaled.image).toBe("registry.example.com/team/hello-app:v1");
    expect((await liveDeployment("stale")).spec?.template.spec?.containers[0]?.image).toBe(scaled.image);
  });

  it("an env var another manager added goes with the next deploy and rollback; the preview shows it going", async () => {
    const app = await world.app("added", {}, dev.id);
    const v1 = await deploy(app.id, "v1");
    kubectl("set", "env", "deployment/added", "EXTRA=1", "-n", namespace());
    const shown = await preview(app.id, "v2");
    expect(shown.conflicts).toEqual([]);
    const diff = shown.changes.find((change) => change.kind === "Deployment")?.diff ?? [];
    expect(diff.filter((line) => line.kind === "removed").map((line) => line.text.trim())).toContain("- name: EXTRA");
    expect((await deploy(app.id, "v2")).status).toBe("succeeded");
    const env = async () => (await liveDeployment("added")).spec?.template.spec?.containers[0]?.env?.map((v) => v.name);
    expect(await env()).toEqual(["MESSAGE"]);
    kubectl("set", "env", "deployment/added", "EXTRA=2", "-n", namespace());
    expect((await rollback(app.id, v1.id)).status).toBe("succeeded");
    expect(await env()).toEqual(["MESSAGE"]);
  });
});

describe("an approved request", () => {
  it("is deployed by its job once another release lets go of the lock", async () => {
    const prod = await world.environment("seqprod", { protected: true });
    const app = await world.app("guarded", {}, prod.id);
    const asked = await deployRelease(
      world.dev,
      ZDeploySchema.parse({ appId: app.id, environmentId: prod.id, tag: "v1" }),
      context,
    );
    if (asked.kind !== "request") throw new Error("expected a request");
    // Someone else's release holds the lock while ops approve.
    const holder = await openTestRelease({ appId: app.id, environmentId: prod.id }, { actorLabel: "someone-else" });
    const approved = await decideReleaseRequest(
      world.ops,
      { requestId: asked.requestId, decision: "approve", comment: "" },
      context,
    );
    expect(approved).toEqual({ status: "approved" });
    expect(await db.releaseRequest.findUniqueOrThrow({ where: { id: asked.requestId } })).toMatchObject({
      status: "approved",
      releaseId: null,
    });
    await finishRelease(holder.id, { status: "failed", error: "stopped by the test" });
    const request = await eventually(
      "the job to deploy the request",
      async () => (await db.releaseRequest.findUniqueOrThrow({ where: { id: asked.requestId } })).releaseId,
      90_000,
    );
    expect(await settled(request)).toMatchObject({
      status: "succeeded",
      trigger: "approval",
      actorLabel: world.dev.email,
      approvedByLabel: world.ops.email,
    });
    expect(await db.release.count({ where: { appId: app.id, environmentId: prod.id } })).toBe(2);
  });
});
