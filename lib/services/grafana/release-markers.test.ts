import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { releaseMarkerJob } from "@/lib/grafana/jobs";
import { getBoss } from "@/lib/jobs/boss";
import { ZGrafanaSettingsSchema } from "@/lib/validations/grafana";
import { ZDeploySchema } from "@/lib/validations/release";
import { isFinalStatus } from "@/lib/validations/release-status";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { finishRelease, openRelease } from "@/lib/services/releases/release-store";
import { context } from "@/test/factories";
import { startFakeGrafana, type FakeGrafana } from "@/test/fake-grafana";
import { runJobsUntilIdle, startReleaseJobs, stopTestJobs } from "@/test/jobs";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { eventually } from "@/test/sandbox";
import { releaseMarkerView } from "./release-marker-view";
import { saveGrafanaSettings } from "./save-grafana-settings";
import { syncReleaseMarker } from "./sync-release-marker";

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
let fake: FakeGrafana;
let environmentId: string;
let environmentName: string;
let appId: string;
let apps = 0;

beforeAll(async () => {
  // Releases end through the release engine's jobs.
  await startReleaseJobs();
  world = await makeReleaseWorld();
  fake = await startFakeGrafana();
  const environment = await world.environment("mark");
  environmentId = environment.id;
  environmentName = environment.name;
  await saveGrafanaSettings(
    world.admin,
    ZGrafanaSettingsSchema.parse({ environmentId, baseUrl: fake.url, token: fake.options.token, variables: "" }),
    context,
  );
});
afterAll(async () => {
  await stopTestJobs();
  await fake.close();
});

// A release as the release engine opens it (the lock, the row, its audit), of a new app.
async function opened() {
  const app = await world.app(`mk${apps++}${world.suffix}`);
  appId = app.id;
  return openRelease({
    appId: app.id,
    environmentId,
    kind: "deploy",
    image: "registry.example.com/team/hello-app:1.4.2",
    parameters: {},
    objects: [],
    description: "",
    actor: { id: world.dev.id, email: world.dev.email },
    actorLabel: world.dev.email,
    trigger: "user",
    audit: { action: "release.deploy", label: "marker test", after: {} },
  });
}

const ofRelease = (id: string) => fake.annotations.filter((a) => a.text.includes(`/releases/${id}"`));

describe("release markers in Grafana", () => {
  it("mark the start as a point, then the whole release as a region, tagged and linking back; again changes nothing", async () => {
    const release = await opened();
    expect(await releaseMarkerView(release.id, environmentId)).toEqual({ state: "queued" });
    expect(await syncReleaseMarker(release.id)).toBe("posted");
    const [marker] = ofRelease(release.id);
    const started = release.startedAt!.getTime();
    expect(marker).toMatchObject({ time: started, timeEnd: started });
    expect(marker!.tags).toEqual([
      "slipway",
      `app:mk0${world.suffix}`,
      `env:${environmentName}`,
      "kind:deploy",
      `team:${world.team.name}`,
    ]);
    expect(marker!.text).toContain(
      `Slipway release #1 deploy of ${world.team.name}/mk0${world.suffix} in ${environmentName}`,
    );
    expect(marker!.text).toContain("registry.example.com/team/hello-app:1.4.2");
    expect(marker!.text).toContain(`by ${world.dev.email}`);
    expect(marker!.text).toMatch(/<a href="http:\/\/localhost:\d+\/releases\/[0-9a-f-]{36}">Open in Slipway<\/a>$/);
    expect(await releaseMarkerView(release.id, environmentId)).toEqual({
      state: "point",
      annotationId: String(marker!.id),
    });
    expect(await syncReleaseMarker(release.id)).toBe("unchanged");

    await finishRelease(release.id, { status: "succeeded" });
    expect(await syncReleaseMarker(release.id)).toBe("updated");
    const finished = await db.release.findUniqueOrThrow({ where: { id: release.id } });
    expect(ofRelease(release.id)).toHaveLength(1);
    expect(ofRelease(release.id)[0]).toMatchObject({ time: started, timeEnd: finished.finishedAt!.getTime() });
    expect(ofRelease(release.id)[0]!.text).toContain("(succeeded)");
    expect(await syncReleaseMarker(release.id)).toBe("unchanged");
    expect(ofRelease(release.id)).toHaveLength(1);
    expect(await releaseMarkerView(release.id, environmentId)).toMatchObject({ state: "region" });
    const patch = fake.requests.filter((r) => r.method === "PATCH");
    expect(patch.at(-1)).toMatchObject({
      path: `/api/annotations/${marker!.id}`,
      authorization: `Bearer ${fake.options.token}`,
    });
  });

  it("while Grafana is down: record each failed attempt and throw for a retry; once back, post the whole region", async () => {
    const release = await opened();
    fake.down = true;
    try {
      await expect(syncReleaseMarker(release.id)).rejects.toMatchObject({
        problem: { key: "grafana.problem.unreachable" },
      });
      await finishRelease(release.id, { status: "failed", error: "rollout failed" });
      await expect(syncReleaseMarker(release.id)).rejects.toThrow();
    } finally {
      fake.down = false;
    }
    // The release is as its engine left it: Grafana never holds it up.
    expect((await db.release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("failed");
    expect(await releaseMarkerView(release.id, environmentId)).toMatchObject({
      state: "retrying",
      attempts: 2,
      problem: { key: "grafana.problem.unreachable", values: { url: fake.url } },
    });
    expect(await syncReleaseMarker(release.id)).toBe("posted");
    const finished = await db.release.findUniqueOrThrow({ where: { id: release.id } });
    expect(ofRelease(release.id)).toEqual([
      expect.objectContaining({ time: finished.startedAt!.getTime(), timeEnd: finished.finishedAt!.getTime() }),
    ]);
    expect(await releaseMarkerView(release.id, environmentId)).toMatchObject({ state: "region" });
  });

  it("record a token Grafana refuses (401) by its meaning, not Grafana's words", async () => {
    const release = await opened();
    const token = fake.options.token;
    fake.options.token = "glsa_rotated";
    try {
      await expect(syncReleaseMarker(release.id)).rejects.toThrow();
    } finally {
      fake.options.token = token;
    }
    const marker = await db.grafanaMarker.findUniqueOrThrow({ where: { releaseId: release.id } });
    expect(marker.lastError).toEqual({ key: "grafana.problem.tokenRejected" });
    expect(JSON.stringify(marker)).not.toContain("Invalid API key");
  });

  it("post the region again when its start marker was deleted in Grafana meanwhile", async () => {
    const release = await opened();
    await syncReleaseMarker(release.id);
    fake.annotations.splice(
      fake.annotations.findIndex((a) => a.text.includes(release.id)),
      1,
    );
    await finishRelease(release.id, { status: "succeeded" });
    expect(await syncReleaseMarker(release.id)).toBe("posted");
    expect(ofRelease(release.id)).toHaveLength(1);
    expect(ofRelease(release.id)[0]!.timeEnd).toBeGreaterThanOrEqual(ofRelease(release.id)[0]!.time);
  });

  it("post nothing for an environment without a token", async () => {
    const environment = await world.environment("nomark");
    const release = await openRelease({
      appId,
      environmentId: environment.id,
      kind: "restart",
      image: null,
      parameters: {},
      objects: [],
      description: "",
      actor: { system: "test" },
      actorLabel: "system:test",
      trigger: "user",
      audit: { action: "release.restart", label: "marker test", after: {} },
    });
    const before = fake.requests.length;
    expect(await syncReleaseMarker(release.id)).toBe("skipped");
    expect(fake.requests.length).toBe(before);
    expect(await releaseMarkerView(release.id, environment.id)).toBeNull();
  });
});

describe("the marker job", () => {
  it("is queued in the transactions that open and end a release, and leaves one region in Grafana", async () => {
    const release = await opened();
    const boss = await getBoss();
    const queued = await boss.findJobs(releaseMarkerJob.name, { key: release.id });
    expect(queued.map((job) => job.data)).toEqual([{ releaseId: release.id }]);
    expect(await runJobsUntilIdle([releaseMarkerJob])).toMatchObject({ failed: [] });
    expect(ofRelease(release.id)).toHaveLength(1);
    await finishRelease(release.id, { status: "succeeded" });
    expect(await boss.findJobs(releaseMarkerJob.name, { key: release.id, queued: true })).toHaveLength(1);
    expect(await runJobsUntilIdle([releaseMarkerJob])).toMatchObject({ failed: [] });
    const finished = await db.release.findUniqueOrThrow({ where: { id: release.id } });
    expect(ofRelease(release.id)).toEqual([
      expect.objectContaining({ time: finished.startedAt!.getTime(), timeEnd: finished.finishedAt!.getTime() }),
    ]);
  });

  it("lets a deploy succeed while Grafana is down; the job fails, is retried, and marks the release once Grafana is back", async () => {
    const environment = await world.environment("down");
    await saveGrafanaSettings(
      world.admin,
      ZGrafanaSettingsSchema.parse({
        environmentId: environment.id,
        baseUrl: fake.url,
        token: fake.options.token,
        variables: "",
      }),
      context,
    );
    const app = await world.app(`dn${world.suffix}`, { replicas: 1 }, environment.id);
    fake.down = true;
    let releaseId: string;
    try {
      const result = await deployRelease(
        world.dev,
        ZDeploySchema.parse({ appId: app.id, environmentId: environment.id, tag: "1.0.0" }),
        context,
      );
      if (result.kind !== "release") throw new Error("expected a release");
      releaseId = result.releaseId;
      const release = await eventually("the release to end", async () => {
        const row = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
        return isFinalStatus(row.status) ? row : null;
      });
      expect(release.status).toBe("succeeded");
      const down = await runJobsUntilIdle([releaseMarkerJob]);
      expect(down.failed.length).toBeGreaterThanOrEqual(1);
      expect(down.failed[0]!.error).toContain("grafana.problem.unreachable");
    } finally {
      fake.down = false;
    }
    expect(await releaseMarkerView(releaseId, environment.id)).toMatchObject({ state: "retrying" });
    const back = await runJobsUntilIdle([releaseMarkerJob], { includeDeferred: true });
    expect(back.failed).toEqual([]);
    const release = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
    expect(ofRelease(releaseId)).toEqual([
      expect.objectContaining({ time: release.startedAt!.getTime(), timeEnd: release.finishedAt!.getTime() }),
    ]);
    const jobs = await (await getBoss()).findJobs(releaseMarkerJob.name, { key: releaseId });
    expect(jobs.some((job) => job.retryCount > 0 && job.state === "completed")).toBe(true);
    expect(await releaseMarkerView(releaseId, environment.id)).toMatchObject({ state: "region" });
  });
});
