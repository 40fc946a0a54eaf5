import { createServer, connect, type Server, type Socket } from "node:net";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZDeploySchema, ZScaleSchema } from "@/lib/validations/release";
import { context } from "@/test/factories";
import { eventually, kubectl, sandboxClient, sandboxKubeconfig } from "@/test/sandbox";
import { makeReleaseWorld, settledRelease, openTestRelease } from "@/test/release-fixtures";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { createApp } from "@/lib/services/apps/create-app";
import { ensureBuiltinTemplates } from "@/lib/services/templates/ensure-builtin-templates";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { deployRelease } from "./deploy-release";
import { previewDeploy } from "./preview-deploy";
import { rollbackRelease } from "./rollback-release";
import { restartApp } from "./restart-app";
import { scaleApp } from "./scale-app";
import { decideReleaseRequest } from "./decide-release-request";
import { recordProgress } from "./release-store";
import { resumeRelease } from "./resume-release";
import { sweepInterruptedReleases } from "./sweep-interrupted";
import { watchRelease } from "./watch-release";
import { loadManifest } from "./manifest-store";

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
let dev: Awaited<ReturnType<World["environment"]>>;
const admin = () => sandboxClient("admin");

beforeAll(async () => {
  world = await makeReleaseWorld();
  dev = await world.environment("dev");
  await startTestJobs();
});

afterAll(async () => {
  await stopTestJobs();
});

const namespaceOf = (environmentName: string) => `${world.team.name}-${environmentName}`;

const settled = settledRelease;

async function deploy(appId: string, environmentId: string, tag: string, extra: Partial<{ takeOver: boolean }> = {}) {
  const result = await deployRelease(world.dev, ZDeploySchema.parse({ appId, environmentId, tag, ...extra }), context);
  if (result.kind !== "release") throw new Error("expected a release");
  return result;
}

async function podImages(namespace: string, app: string) {
  const pods = await admin().core.listNamespacedPod({
    namespace,
    labelSelector: `app.kubernetes.io/name=${app}`,
  });
  return pods.items
    .filter((pod) => !pod.metadata?.deletionTimestamp)
    .map((pod) => ({ name: pod.metadata?.name ?? "", image: pod.spec?.containers[0]?.image ?? "" }));
}

describe("deploy, roll back, scale, restart", () => {
  it("deploys v1 and v2 as Kubernetes revisions, rolls back to v1, and keeps every release", async () => {
    const app = await world.app("hello", { replicas: 2 }, dev.id);
    const namespace = namespaceOf(dev.name);

    const v1 = await deploy(app.id, dev.id, "v1");
    expect(v1.number).toBe(1);
    const first = await settled(v1.releaseId);
    expect(first.status).toBe("succeeded");
    expect(first.kubeRevision).toBe(1);
    // The record names the pods the rollout ended with.
    expect((first.progress as { pods: { ready: boolean }[] }).pods.filter((pod) => pod.ready)).toHaveLength(2);
    const steps = (first.applied as { steps: { kind: string; action: string }[] }).steps;
    expect(steps.map((s) => `${s.kind}:${s.action}`)).toEqual([
      "ConfigMap:applied",
      "Service:applied",
      "Deployment:applied",
    ]);
    const deployment = await admin().apps.readNamespacedDeployment({ name: "hello", namespace });
    expect(deployment.status?.availableReplicas).toBe(2);
    expect((await podImages(namespace, "hello")).map((p) => p.image)).toEqual([
      "registry.example.com/team/hello-app:v1",
      "registry.example.com/team/hello-app:v1",
    ]);

    const v2 = await deploy(app.id, dev.id, "v2");
    expect((await settled(v2.releaseId)).kubeRevision).toBe(2);
    await eventually("pods replaced by v2", async () => {
      const pods = await podImages(namespace, "hello");
      return pods.length === 2 && pods.every((p) => p.image.endsWith(":v2"));
    });

    const back = await rollbackRelease(
      world.dev,
      { releaseId: v1.releaseId, appId: app.id, environmentId: dev.id, description: "" },
      context,
    );
    const rolledBack = await settled(back.releaseId);
    expect(rolledBack).toMatchObject({ status: "succeeded", kind: "rollback", number: 3, rollbackOfId: v1.releaseId });
    await eventually("pods back on v1", async () => {
      const pods = await podImages(namespace, "hello");
      return pods.length === 2 && pods.every((p) => p.image.endsWith(":v1"));
    });
    // The rollback applied exactly v1's stored objects: one manifest row for both.
    expect(rolledBack.manifestHash).toBe(first.manifestHash);
    const releases = await db.release.findMany({ where: { appId: app.id }, orderBy: { number: "asc" } });
    expect(releases.map((r) => [r.number, r.kind, r.status])).toEqual([
      [1, "deploy", "succeeded"],
      [2, "deploy", "succeeded"],
      [3, "rollback", "succeeded"],
    ]);
    // kubectl users see what happened.
    const history = kubectl("rollout", "history", "deployment/hello", "-n", namespace);
    expect(history).toContain("Slipway #2 deploy registry.example.com/team/hello-app:v2");
    expect(history).toContain("Slipway #3 rollback registry.example.com/team/hello-app:v1");
    // Every change has its audit row naming the release.
    const audit = await db.auditEvent.findMany({
      where: { targetType: "release", targetId: { in: releases.map((r) => r.id) } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["release.deploy", "release.deploy", "release.rollback"]);
    const second = releases[1]!;
    const secondAudit = audit.find((a) => a.targetId === second.id);
    expect(secondAudit?.targetLabel).toBe(`${world.team.name}/hello ${dev.name} #2`);
    expect(secondAudit?.after).toMatchObject({ number: 2, kind: "deploy", image: second.image });
    // The timeline starts with the release's opening, numbered.
    const [opened] = await db.releaseEvent.findMany({
      where: { releaseId: second.id },
      orderBy: { id: "asc" },
      take: 1,
    });
    expect(opened?.reason).toBe("Created");
    expect(opened?.message).toMatch(/^deploy #2 by \S+/);
    expect(second.startedAt).not.toBeNull();
  });

  it("scales through the scale subresource within the environment's maximum and keeps the count", async () => {
    const app = await world.app("scaler", { replicas: 1 }, dev.id);
    const namespace = namespaceOf(dev.name);
    await settled((await deploy(app.id, dev.id, "v1")).releaseId);

    await expect(
      scaleApp(world.dev, ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 5 }), context),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      scaleApp(world.ops, ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 9 }), context),
    ).rejects.toMatchObject({ code: "invalid_input", field: "replicas" });
    expect(ZScaleSchema.safeParse({ appId: app.id, environmentId: dev.id, replicas: -1 }).success).toBe(false);
    expect(await db.release.count({ where: { appId: app.id } })).toBe(1);

    const scaled = await scaleApp(
      world.ops,
      ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 5 }),
      context,
    );
    expect((await settled(scaled.releaseId)).status).toBe("succeeded");
    expect((await podImages(namespace, "scaler")).length).toBe(5);
    const settings = await db.appEnvironment.findUniqueOrThrow({
      where: { appId_environmentId: { appId: app.id, environmentId: dev.id } },
    });
    expect((settings.values as { replicas: number }).replicas).toBe(5);
    // The next deploy keeps five.
    await settled((await deploy(app.id, dev.id, "v2")).releaseId);
    const deployment = await admin().apps.readNamespacedDeployment({ name: "scaler", namespace });
    expect(deployment.spec?.replicas).toBe(5);
  });

  it("sets the autoscaler's bounds instead of replicas when the app autoscales", async () => {
    const app = await world.app("auto", { autoscaling: { enabled: true, min: 1, max: 3, targetCpu: 80 } }, dev.id);
    const namespace = namespaceOf(dev.name);
    await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    await expect(
      scaleApp(world.ops, ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, replicas: 3 }), context),
    ).rejects.toMatchObject({ field: "min" });
    const scaled = await scaleApp(
      world.ops,
      ZScaleSchema.parse({ appId: app.id, environmentId: dev.id, min: 2, max: 6 }),
      context,
    );
    await settled(scaled.releaseId);
    const hpa = await admin().autoscaling.readNamespacedHorizontalPodAutoscaler({ name: "auto", namespace });
    expect([hpa.spec?.minReplicas, hpa.spec?.maxReplicas]).toEqual([2, 6]);
    const managers =
      (await admin().apps.readNamespacedDeployment({ name: "auto", namespace })).metadata?.managedFields ?? [];
    expect(JSON.stringify(managers.filter((m) => m.manager === "slipway"))).not.toContain("f:replicas");
  });

  it("restarts like kubectl rollout restart: new pods, the restartedAt annotation", async () => {
    const app = await world.app("restarter", { replicas: 2 }, dev.id);
    const namespace = namespaceOf(dev.name);
    await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    const before = (await podImages(namespace, "restarter")).map((p) => p.name);
    const restarted = await restartApp(world.dev, { appId: app.id, environmentId: dev.id }, context);
    expect((await settled(restarted.releaseId)).status).toBe("succeeded");
    const deployment = await admin().apps.readNamespacedDeployment({ name: "restarter", namespace });
    expect(deployment.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBeTruthy();
    await eventually("old pods gone", async () => {
      const after = (await podImages(namespace, "restarter")).map((p) => p.name);
      return after.length === 2 && after.every((name) => !before.includes(name));
    });
  });

  it("deletes an object the new release no longer has (the Ingress when the host is removed)", async () => {
    const app = await world.app("routed", { host: "routed.example.com" }, dev.id);
    const namespace = namespaceOf(dev.name);
    await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    await admin().networking.readNamespacedIngress({ name: "routed", namespace });
    await saveAppEnvironment(world.dev, { appId: app.id, environmentId: dev.id, values: { host: "" } }, context);
    // The preview shows the deletion the deploy will make.
    const preview = await previewDeploy(world.dev, { appId: app.id, environmentId: dev.id, tag: "v1" });
    expect(preview.changes.filter((c) => c.change === "delete").map((c) => `${c.kind}/${c.name}`)).toEqual([
      "Ingress/routed",
    ]);
    const second = await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    expect(second.status).toBe("succeeded");
    await expect(admin().networking.readNamespacedIngress({ name: "routed", namespace })).rejects.toMatchObject({
      code: 404,
    });
    expect(JSON.stringify(second.applied)).toContain('"action":"deleted"');
    // The Service and Deployment stay.
    await admin().core.readNamespacedService({ name: "routed", namespace });
  });

  it("rolls pods when only a config value changes (config checksum on the pod template)", async () => {
    const app = await world.app("configured", {}, dev.id);
    const namespace = namespaceOf(dev.name);
    await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    await saveAppEnvironment(
      world.dev,
      { appId: app.id, environmentId: dev.id, values: { message: "changed" } },
      context,
    );
    const second = await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    expect(second.kubeRevision).toBe(2);
    const deployment = await admin().apps.readNamespacedDeployment({ name: "configured", namespace });
    expect(deployment.spec?.template.spec?.containers[0]?.env?.[0]?.value).toBe("changed");
  });
});

describe("one release at a time", () => {
  it("answers a second concurrent deploy with a 409 naming the running release and its author", async () => {
    const app = await world.app("racer", {}, dev.id);
    const results = await Promise.allSettled([deploy(app.id, dev.id, "v1"), deploy(app.id, dev.id, "v2")]);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(String((rejected[0] as PromiseRejectedResult).reason.message)).toMatch(/Release #1 \(deploy by .*\) is/);
    const won = results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ releaseId: string }>;
    await settled(won.value.releaseId);
    expect(await db.release.count({ where: { appId: app.id } })).toBe(1);
    // Free again once it finished.
    await settled((await deploy(app.id, dev.id, "v3")).releaseId);
  });

  it("takes the lock in the database, so two processes cannot interleave either", async () => {
    const app = await world.app("locked", {}, dev.id);
    const objects = await loadManifest((await settled((await deploy(app.id, dev.id, "v1")).releaseId)).manifestHash);
    const open = () =>
      openTestRelease({ appId: app.id, environmentId: dev.id }, { image: "x:1", objects, actorLabel: "other-process" });
    const results = await Promise.allSettled(Array.from({ length: 6 }, open));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.releaseLock.count({ where: { appId: app.id } })).toBe(1);
  });
});

describe("faults", () => {
  // A TCP relay in front of the sandbox's API server: closing it mid-apply is, for Slipway, the
  // API server going away (refused connections, dropped sockets), without stopping the shared
  // sandbox other tests use.
  async function relay(): Promise<{ port: number; close: () => Promise<void> }> {
    const target = { hostname: "127.0.0.1", port: inject("sandbox").port };
    const sockets = new Set<Socket>();
    const server: Server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    return {
      port,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  }

  it("ends a release failed with 'cluster unreachable' and what was applied when the API server goes away mid-apply; the next deploy works", async () => {
    const proxy = await relay();
    const kubeconfig = sandboxKubeconfig("slipway").replace(
      /server: https:\/\/127\.0\.0\.1:\d+/,
      `server: https://127.0.0.1:${proxy.port}`,
    );
    const dir = mkdtempSync(join(tmpdir(), "slipway-relay-"));
    writeFileSync(join(dir, "kubeconfig"), kubeconfig);
    const flaky = await world.environment("flaky");
    await db.environment.update({
      where: { id: flaky.id },
      data: {
        kubeconfigEncrypted: (await import("@/lib/crypto/keys")).sealSecret(
          kubeconfig,
          `environment:${flaky.id}:kubeconfig`,
        ),
      },
    });
    const app = await world.app("fragile", { host: "fragile.example.com" }, flaky.id);
    const result = await deployRelease(
      world.dev,
      ZDeploySchema.parse({ appId: app.id, environmentId: flaky.id, tag: "v1" }),
      context,
      {
        hooks: {
          afterObject: async (_ref, index) => {
            if (index === 0) await proxy.close();
          },
        },
      },
    );
    expect(result.kind === "release" && result.status).toBe("failed");
    const failed = await db.release.findUniqueOrThrow({ where: { id: (result as { releaseId: string }).releaseId } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/unreachable/);
    expect(failed.error).toContain("Applied 1 of 4 objects: ConfigMap/fragile-config.");
    const steps = (failed.applied as { steps: { kind: string; action: string }[] }).steps;
    expect(steps.map((s) => `${s.kind}:${s.action}`)).toEqual([
      "ConfigMap:applied",
      "Service:failed",
      "Deployment:failed",
      "Ingress:failed",
    ]);
    expect(await db.releaseLock.count({ where: { appId: app.id } })).toBe(0);

    // The cluster is back (the relay is replaced by the real address): the next deploy works.
    await db.environment.update({
      where: { id: flaky.id },
      data: {
        kubeconfigEncrypted: (await import("@/lib/crypto/keys")).sealSecret(
          sandboxKubeconfig("slipway"),
          `environment:${flaky.id}:kubeconfig`,
        ),
      },
    });
    const next = await deploy(app.id, flaky.id, "v1");
    expect((await settled(next.releaseId)).status).toBe("succeeded");
  });

  it("fails a rollout that never becomes ready at its progress deadline, with the pods' reasons", async () => {
    const app = await world.app("stuck", { unready: true, deadline: 3 }, dev.id);
    const failed = await settled((await deploy(app.id, dev.id, "v1")).releaseId, 90_000);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/Progress deadline \(3 s\) exceeded/);
    expect(failed.error).toMatch(/stuck-[a-z0-9]+-[a-z0-9]+: Running \(/);
    expect(await db.releaseLock.count({ where: { appId: app.id } })).toBe(0);
  });

  it("with automatic rollback on, answers a failed rollout with a rollback release that succeeds", async () => {
    const careful = await world.environment("careful", { autoRollback: true });
    const app = await world.app("phoenix", { deadline: 3 }, careful.id);
    const good = await settled((await deploy(app.id, careful.id, "v1")).releaseId);
    expect(good.status).toBe("succeeded");
    await saveAppEnvironment(
      world.dev,
      { appId: app.id, environmentId: careful.id, values: { unready: true, deadline: 3 } },
      context,
    );
    const bad = await settled((await deploy(app.id, careful.id, "v2")).releaseId, 90_000);
    expect(bad.status).toBe("failed");
    const rollback = await eventually("automatic rollback", () =>
      db.release.findFirst({ where: { appId: app.id, number: 3 } }),
    );
    expect(rollback).toMatchObject({ kind: "rollback", trigger: "auto-rollback", rollbackOfId: good.id });
    const rolledBack = await settled(rollback.id, 90_000);
    expect(rolledBack.error).toBeNull();
    expect(rolledBack.status).toBe("succeeded");
    const namespace = namespaceOf(careful.name);
    await eventually("v1 pods back", async () => {
      const pods = await podImages(namespace, "phoenix");
      return pods.length === 1 && pods[0]!.image.endsWith(":v1");
    });
  });

  it("shows a field owned by another manager (kubectl edit) as a conflict and takes it over on request", async () => {
    const app = await world.app("edited", { replicas: 1 }, dev.id);
    const namespace = namespaceOf(dev.name);
    await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    await admin().apps.patchNamespacedDeployment({
      name: "edited",
      namespace,
      fieldManager: "kubectl-edit",
      body: [{ op: "replace", path: "/spec/template/spec/containers/0/env/0/value", value: "edited by hand" }],
    });
    await saveAppEnvironment(
      world.dev,
      { appId: app.id, environmentId: dev.id, values: { replicas: 1, message: "from slipway" } },
      context,
    );
    const refused = await db.release.findUniqueOrThrow({
      where: { id: (await deploy(app.id, dev.id, "v1")).releaseId },
    });
    expect(refused.status).toBe("failed");
    expect(refused.error).toContain('is managed by "kubectl-edit"');
    expect((refused.applied as { conflicts: { manager: string; field: string }[] }).conflicts[0]).toMatchObject({
      manager: "kubectl-edit",
    });

    const taken = await settled((await deploy(app.id, dev.id, "v1", { takeOver: true })).releaseId);
    expect(taken.status).toBe("succeeded");
    const deployment = await admin().apps.readNamespacedDeployment({ name: "edited", namespace });
    expect(deployment.spec?.template.spec?.containers[0]?.env?.[0]?.value).toBe("from slipway");
  });

  it("marks a rollout superseded when someone else rolls out another pod template meanwhile", async () => {
    const app = await world.app("overtaken", { unready: true, deadline: 120 }, dev.id);
    const namespace = namespaceOf(dev.name);
    const started = await deploy(app.id, dev.id, "v1");
    await eventually("the rollout to have begun", async () => {
      const deployment = await admin().apps.readNamespacedDeployment({ name: "overtaken", namespace });
      return deployment.metadata?.annotations?.["deployment.kubernetes.io/revision"] === "1";
    });
    kubectl("set", "image", "deployment/overtaken", "app=registry.example.com/team/hello-app:hotfix", "-n", namespace);
    const superseded = await settled(started.releaseId);
    expect(superseded.status).toBe("superseded");
    expect(superseded.error).toMatch(/Another pod template was rolled out during this release by "kubectl/);
    expect(await db.releaseLock.count({ where: { appId: app.id } })).toBe(0);
  });

  it("resumes a release left applying by a stopped Slipway process and finishes it", async () => {
    const app = await world.app("orphan", {}, dev.id);
    const first = await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    const objects = await loadManifest(first.manifestHash);
    const orphan = await openTestRelease(
      { appId: app.id, environmentId: dev.id },
      { kind: "rollback", image: first.image, objects, actorLabel: "crashed-process" },
    );
    expect(orphan.status).toBe("applying");
    // While its lease holds, the sweep leaves it to the process applying it, and so would a
    // resume queued anyway.
    expect(await sweepInterruptedReleases()).not.toContain(orphan.id);
    expect(await resumeRelease(orphan.id)).toBe(false);
    await db.release.update({ where: { id: orphan.id }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
    // Its lease ran out: the sweep queues it, and this file's workers apply and follow it.
    expect(await sweepInterruptedReleases()).toContain(orphan.id);
    expect((await settled(orphan.id)).status).toBe("succeeded");
    expect(await db.releaseEvent.count({ where: { releaseId: orphan.id, reason: "Resumed" } })).toBe(1);
    expect(await db.releaseLock.count({ where: { appId: app.id } })).toBe(0);
  });
  it("records a follower's progress and Kubernetes events at once and tells the live page; a finished release keeps its progress", async () => {
    const app = await world.app("recorder", {}, dev.id);
    const first = await settled((await deploy(app.id, dev.id, "v1")).releaseId);
    const open = await openTestRelease(
      { appId: app.id, environmentId: dev.id },
      { kind: "rollback", image: first.image, objects: await loadManifest(first.manifestHash) },
    );
    let notified = 0;
    const unsubscribe = await watchRelease(open.id, () => (notified += 1));
    const at = new Date("2026-12-02T09:00:00.123Z");
    const event = {
      at,
      type: "Normal",
      reason: "ScalingReplicaSet",
      object: "Deployment/recorder",
      message: "Scaled up",
    };
    await recordProgress(open.id, { rollout: { ready: 1 }, pods: [] }, [event, { ...event, message: "Scaled down" }]);
    await eventually("the live page notified", async () => notified >= 1);
    expect(notified).toBe(1);
    expect((await db.release.findUniqueOrThrow({ where: { id: open.id } })).progress).toEqual({
      rollout: { ready: 1 },
      pods: [],
    });
    const entries = await db.releaseEvent.findMany({
      where: { releaseId: open.id, source: "kubernetes" },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.at.toISOString(), e.reason, e.object, e.message])).toEqual([
      [at.toISOString(), "ScalingReplicaSet", "Deployment/recorder", "Scaled up"],
      [at.toISOString(), "ScalingReplicaSet", "Deployment/recorder", "Scaled down"],
    ]);
    // Events only (no progress) leave the progress as it was.
    await recordProgress(open.id, null, [{ ...event, reason: "Killing" }]);
    await eventually("the live page notified again", async () => notified >= 2);
    expect(notified).toBe(2);
    expect((await db.release.findUniqueOrThrow({ where: { id: open.id } })).progress).toEqual({
      rollout: { ready: 1 },
      pods: [],
    });
    unsubscribe();
    await db.release.update({ where: { id: open.id }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
    expect(await resumeRelease(open.id)).toBe(true);
    const done = await settled(open.id);
    expect(done.status).toBe("succeeded");
    // A late write for a finished release leaves its final progress alone.
    await recordProgress(open.id, { rollout: { ready: 0 } }, []);
    expect((await db.release.findUniqueOrThrow({ where: { id: open.id } })).progress).toEqual(done.progress);
  });
});

describe("roles, approvals and bad input", () => {
  it("turns a developer's prod deploy into a request that ops approve (which runs it) or reject", async () => {
    const prod = await world.environment("prod", { protected: true });
    const app = await world.app("guarded", {}, prod.id);
    await expect(
      deployRelease(world.tester, ZDeploySchema.parse({ appId: app.id, environmentId: prod.id, tag: "v1" }), context),
    ).rejects.toMatchObject({ code: "forbidden" });
    const asked = await deployRelease(
      world.dev,
      ZDeploySchema.parse({ appId: app.id, environmentId: prod.id, tag: "v1", description: "first" }),
      context,
    );
    expect(asked.kind).toBe("request");
    expect(await db.release.count({ where: { appId: app.id } })).toBe(0);
    const requestId = (asked as { requestId: string }).requestId;
    await expect(
      decideReleaseRequest(world.dev, { requestId, decision: "approve", comment: "" }, context),
    ).rejects.toMatchObject({ code: "forbidden" });

    const approved = await decideReleaseRequest(world.ops, { requestId, decision: "approve", comment: "ok" }, context);
    const release = await settled((approved as { release: { releaseId: string } }).release.releaseId);
    expect(release).toMatchObject({
      status: "succeeded",
      trigger: "approval",
      actorLabel: world.dev.email,
      approvedByLabel: world.ops.email,
    });
    await expect(
      decideReleaseRequest(world.ops, { requestId, decision: "reject", comment: "" }, context),
    ).rejects.toMatchObject({ code: "conflict" });

    const second = await deployRelease(
      world.dev,
      ZDeploySchema.parse({ appId: app.id, environmentId: prod.id, tag: "v2" }),
      context,
    );
    await decideReleaseRequest(
      world.ops,
      { requestId: (second as { requestId: string }).requestId, decision: "reject", comment: "not today" },
      context,
    );
    expect(
      await db.releaseRequest.findUniqueOrThrow({ where: { id: (second as { requestId: string }).requestId } }),
    ).toMatchObject({ status: "rejected", comment: "not today" });
    const actions = await db.auditEvent.findMany({
      where: {
        targetType: "release_request",
        targetId: { in: [requestId, (second as { requestId: string }).requestId] },
      },
    });
    expect(actions.map((a) => a.action).sort()).toEqual([
      "release.approve",
      "release.reject",
      "release.request",
      "release.request",
    ]);
  });

  it("refuses bad tags, replicas above the maximum and bad rollback targets without creating a release", async () => {
    const app = await world.app("strict", {}, dev.id);
    expect(
      ZDeploySchema.safeParse({ appId: app.id, environmentId: dev.id, tag: "v1 with space" }).error?.issues[0]?.path,
    ).toEqual(["tag"]);
    expect(ZDeploySchema.safeParse({ appId: app.id, environmentId: dev.id, tag: "" }).success).toBe(false);
    await expect(
      saveAppEnvironment(world.ops, { appId: app.id, environmentId: dev.id, values: { replicas: 9 } }, context),
    ).rejects.toMatchObject({ code: "invalid_input", field: "values.replicas" });
    // Stored before the environment's maximum came down to 8: refused when deploying.
    await db.appEnvironment.update({
      where: { appId_environmentId: { appId: app.id, environmentId: dev.id } },
      data: { values: { replicas: 9 } },
    });
    await expect(deploy(app.id, dev.id, "v1")).rejects.toMatchObject({ code: "invalid_input", field: "replicas" });
    await saveAppEnvironment(
      world.ops,
      { appId: app.id, environmentId: dev.id, values: { replicas: 1, unready: true, deadline: 2 } },
      context,
    );
    const failed = await settled((await deploy(app.id, dev.id, "v1")).releaseId, 90_000);
    await expect(
      rollbackRelease(
        world.dev,
        { releaseId: failed.id, appId: app.id, environmentId: dev.id, description: "" },
        context,
      ),
    ).rejects.toMatchObject({ code: "invalid_input", field: "releaseId" });
    const other = await world.app("other", {}, dev.id);
    await expect(
      rollbackRelease(
        world.dev,
        { releaseId: failed.id, appId: other.id, environmentId: dev.id, description: "" },
        context,
      ),
    ).rejects.toMatchObject({ code: "invalid_input", field: "releaseId" });
    expect(await db.release.count({ where: { appId: { in: [app.id, other.id] } } })).toBe(1);
  });
});

describe("the built-in web-service", () => {
  it("deploys and redeploys with a new image to success", async () => {
    await ensureBuiltinTemplates();
    const version = await db.templateVersion.findFirstOrThrow({
      where: { template: { name: "web-service" } },
      orderBy: { version: "desc" },
    });
    const app = await createApp(
      world.dev,
      ZCreateAppSchema.parse({
        name: "web",
        teamId: world.team.id,
        templateVersionId: version.id,
        imageRepository: "harbor.example.com/shop/web",
      }),
      context,
    );
    const first = await settled((await deploy(app.id, dev.id, "1.0.0")).releaseId);
    expect(first.status).toBe("succeeded");
    const second = await settled((await deploy(app.id, dev.id, "1.1.0")).releaseId);
    expect(second.error).toBeNull();
    expect(second).toMatchObject({ status: "succeeded", kubeRevision: 2 });
  });
});
