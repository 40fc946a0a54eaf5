import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/harbor/[integration]/route";
import { db } from "@/lib/db";
import { isFinalStatus } from "@/lib/validations/release-status";
import { makeBuildWorld } from "@/test/build-fixtures";
import { context } from "@/test/factories";
import { eventually } from "@/test/sandbox";
import { HarborFake } from "@/test/support/harbor-fake";
import { runJobsUntilIdle, startReleaseJobs, stopTestJobs } from "@/test/jobs";
import { harborEventJob } from "@/lib/builds/jobs";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { listImageTags } from "./list-image-tags";

const digest = (seed: string) => `sha256:${createHash("sha256").update(seed).digest("hex")}`;

type World = Awaited<ReturnType<typeof makeBuildWorld>>;
let world: World;
let harbor: HarborFake;
let registry: Awaited<ReturnType<World["registry"]>>;
let dev: Awaited<ReturnType<World["environment"]>>;
let test: Awaited<ReturnType<World["environment"]>>;
let app: Awaited<ReturnType<World["app"]>>;
let repository: string;

const route = (integration: string) => (request: Request) =>
  POST(request, { params: Promise.resolve({ integration }) });

async function settledEvent(eventId: string) {
  return eventually(`event ${eventId} processed`, async () => {
    const event = await db.buildEvent.findUniqueOrThrow({ where: { id: eventId } });
    return ["processed", "ignored", "failed"].includes(event.status) ? event : null;
  });
}

beforeAll(async () => {
  // Releases end through the release engine's jobs.
  await startReleaseJobs();
  world = await makeBuildWorld();
  harbor = await new HarborFake().start();
  registry = await world.registry("harbor-test", {
    kind: "harbor",
    url: harbor.url,
    username: harbor.credentials!.username,
    secret: harbor.credentials!.password,
  });
  dev = await world.environment("dev", { registryId: registry.id, autoDeploy: true });
  test = await world.environment("test", { registryId: registry.id, refuseCritical: true });
  app = await world.app("web", "1.*");
  repository = `${world.team.name}/web`;
});
afterAll(async () => {
  await stopTestJobs();
  await harbor.stop();
});

describe("Harbor's webhook", () => {
  it("refuses a wrong or missing secret with 401, audited, storing nothing", async () => {
    const before = await db.buildEvent.count();
    const audits = await db.auditEvent.count({ where: { action: "webhook.refused", targetId: registry.id } });
    const event = { type: "PUSH_ARTIFACT", repository, digest: digest("x"), tag: "1.0.0" } as const;
    expect((await harbor.deliver(route(registry.id), "Bearer wrong", event)).status).toBe(401);
    expect((await harbor.deliver(route(registry.id), null, event)).status).toBe(401);
    expect(await db.buildEvent.count()).toBe(before);
    expect(await db.auditEvent.count({ where: { action: "webhook.refused", targetId: registry.id } })).toBe(audits + 2);
  });

  it("answers malformed JSON and unknown event types with 400 and a body over 1 MB with 413, storing nothing", async () => {
    const before = await db.buildEvent.count();
    const post = (body: string, type = "application/json") =>
      route(registry.id)(
        new Request("http://slipway.test/x", {
          method: "POST",
          headers: { Authorization: registry.webhookSecret!, "Content-Type": type },
          body,
        }),
      );
    const malformed = await post("{not json");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "invalid_input", field: "body" } });
    const pulled = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "PULL_ARTIFACT" as "PUSH_ARTIFACT",
      repository,
      digest: digest("pull"),
      tag: "1.0.0",
    });
    expect(pulled.status).toBe(400);
    expect(pulled.body).toMatchObject({ error: { field: "type" } });
    const noDigest = await post(
      JSON.stringify({ type: "PUSH_ARTIFACT", occur_at: 1, event_data: { resources: [{}] } }),
    );
    expect(noDigest.status).toBe(400);
    expect((await post(" ".repeat(1024 * 1024 + 1))).status).toBe(413);
    expect(await db.buildEvent.count()).toBe(before);
  });

  it("stores a push, answers 202 at once, and deploys dev by itself as harbor naming the pusher; a redelivery starts nothing", async () => {
    const pushed = digest("web-1.0.0");
    harbor.push(repository, pushed, ["1.0.0"]);
    const delivery = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "PUSH_ARTIFACT",
      repository,
      digest: pushed,
      tag: "1.0.0",
      operator: "alice",
    });
    expect(delivery.status).toBe(202);
    const { eventId } = delivery.body as { eventId: string };
    const event = await settledEvent(eventId);
    expect(event).toMatchObject({ status: "processed", type: "PUSH_ARTIFACT", format: "default", tag: "1.0.0" });
    const release = await db.release.findFirstOrThrow({ where: { appId: app.id, environmentId: dev.id } });
    expect(release).toMatchObject({
      actorLabel: "harbor",
      trigger: "auto-deploy",
      image: `${harbor.host}/${repository}:1.0.0`,
      imageDigest: pushed,
    });
    expect(await db.autoDeploy.findUnique({ where: { releaseId: release.id } })).toMatchObject({ pushedBy: "alice" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: release.id, action: "release.deploy" } });
    expect(audit).toMatchObject({ actorLabel: "system:harbor", after: { pushedBy: "alice", digest: pushed } });

    // Harbor resends the same bytes after a timeout: the same event, no second release.
    const again = await harbor.redeliver();
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ eventId, duplicate: true });
    // The same push in CloudEvents form (other bytes): recorded, the tag is known, nothing deployed.
    const cloud = await harbor.deliver(
      route(registry.id),
      registry.webhookSecret,
      { type: "PUSH_ARTIFACT", repository, digest: pushed, tag: "1.0.0", operator: "alice" },
      "cloudevents",
    );
    expect(cloud.status).toBe(202);
    const second = await settledEvent((cloud.body as { eventId: string }).eventId);
    expect(second).toMatchObject({ format: "cloudevents", status: "processed", reason: "builds.event.knownTag" });
    expect(await db.release.count({ where: { appId: app.id, environmentId: dev.id } })).toBe(1);
    // Processing an event again (a job retried after a crash) starts nothing either.
    const { processHarborEvent } = await import("./process-harbor-event");
    await db.buildEvent.update({ where: { id: eventId }, data: { status: "received" } });
    await processHarborEvent(eventId);
    expect(await db.release.count({ where: { appId: app.id, environmentId: dev.id } })).toBe(1);
    await eventually("the dev release to finish", async () =>
      isFinalStatus((await db.release.findUniqueOrThrow({ where: { id: release.id } })).status),
    );
  });

  it("leaves a push that meets a running release to its job, which deploys it once that release has ended", async () => {
    const running = await db.release.findFirstOrThrow({ where: { appId: app.id, environmentId: dev.id } });
    // A release holds the (app, environment) lock, as one in progress does.
    await db.releaseLock.create({ data: { appId: app.id, environmentId: dev.id, releaseId: running.id } });
    const pushed = digest("web-1.3.0");
    harbor.push(repository, pushed, ["1.3.0"]);
    const delivery = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "PUSH_ARTIFACT",
      repository,
      digest: pushed,
      tag: "1.3.0",
      operator: "carol",
    });
    const { eventId } = delivery.body as { eventId: string };
    await eventually("the fast path to give the event back", async () => {
      const event = await db.buildEvent.findUniqueOrThrow({ where: { id: eventId } });
      return event.status === "received" && event.reason === "builds.event.retrying";
    });
    expect(await db.release.count({ where: { appId: app.id, environmentId: dev.id } })).toBe(1);
    await db.releaseLock.delete({ where: { releaseId: running.id } });
    const report = await runJobsUntilIdle([harborEventJob], { includeDeferred: true });
    expect(report.failed).toEqual([]);
    expect(await db.buildEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ status: "processed" });
    const release = await db.release.findFirstOrThrow({
      where: { appId: app.id, environmentId: dev.id },
      orderBy: { number: "desc" },
    });
    expect(release).toMatchObject({ number: 2, actorLabel: "harbor", imageDigest: pushed });
    expect(await db.autoDeploy.findUnique({ where: { releaseId: release.id } })).toMatchObject({ pushedBy: "carol" });
    await eventually("the dev release to finish", async () =>
      isFinalStatus((await db.release.findUniqueOrThrow({ where: { id: release.id } })).status),
    );
  });

  it("records a re-tag as a new tag, skips tags outside the app's pattern, and ignores digest tags and unknown repositories", async () => {
    const pushed = digest("web-1.0.0");
    harbor.push(repository, pushed, ["stable"]);
    const retag = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "PUSH_ARTIFACT",
      repository,
      digest: pushed,
      tag: "stable",
      operator: "bob",
    });
    expect(await settledEvent((retag.body as { eventId: string }).eventId)).toMatchObject({ status: "processed" });
    expect(await db.imageTag.count({ where: { registryId: registry.id, repository, digest: pushed } })).toBe(2);
    // "stable" does not match the app's pattern 1.*: no release.
    expect(await db.release.count({ where: { appId: app.id, environmentId: dev.id } })).toBe(2);

    // A multi-arch push: the child manifests come with their digest as the tag.
    const child = digest("web-1.1.0-arm64");
    const childPush = await harbor.deliver(
      route(registry.id),
      registry.webhookSecret,
      { type: "PUSH_ARTIFACT", repository, digest: child },
      "cloudevents",
    );
    expect(await settledEvent((childPush.body as { eventId: string }).eventId)).toMatchObject({
      status: "ignored",
      reason: "builds.event.digestTag",
    });
    expect(await db.imageTag.count({ where: { digest: child } })).toBe(0);

    const stranger = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "PUSH_ARTIFACT",
      repository: "nobody/knows",
      digest: digest("stranger"),
      tag: "1.0.0",
    });
    expect(stranger.status).toBe(202);
    expect(await settledEvent((stranger.body as { eventId: string }).eventId)).toMatchObject({
      status: "ignored",
      reason: "builds.event.unknownRepository",
      reasonValues: { repository: "nobody/knows" },
    });
  });

  it("shows scan counts beside tags, hides deleted tags, and refuses critical images where the environment says so", async () => {
    const risky = digest("web-1.2.0");
    harbor.push(repository, risky, ["1.2.0"], new Date(Date.now() + 60_000));
    const scan = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "SCANNING_COMPLETED",
      repository,
      digest: risky,
      tag: "1.2.0",
      scan: { critical: 2, high: 5, total: 9 },
    });
    expect(await settledEvent((scan.body as { eventId: string }).eventId)).toMatchObject({ status: "processed" });
    const picker = await listImageTags(world.dev, { appId: app.id, environmentId: test.id });
    expect(picker.registry).toBe(registry.name);
    expect(picker.tags[0]).toMatchObject({ tag: "1.2.0", digest: risky, scan: { critical: 2, high: 5 } });
    expect(picker.tags.map((tag) => tag.tag)).toEqual(expect.arrayContaining(["1.0.0", "stable"]));
    expect(picker.tags.find((tag) => tag.tag === "1.0.0")).toMatchObject({ pushedBy: "alice" });

    await expect(
      deployRelease(
        world.dev,
        { appId: app.id, environmentId: test.id, tag: "1.2.0", description: "", takeOver: false },
        context,
      ),
    ).rejects.toMatchObject({ field: "tag", messageKey: "builds.criticalRefused", values: { critical: 2 } });
    expect(await db.release.count({ where: { appId: app.id, environmentId: test.id } })).toBe(0);

    // Harbor reports the delete; whatever its list still says, the picker leaves the tag out.
    const deleted = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "DELETE_ARTIFACT",
      repository,
      digest: risky,
      tag: "1.2.0",
    });
    await settledEvent((deleted.body as { eventId: string }).eventId);
    const after = await listImageTags(world.dev, { appId: app.id, environmentId: test.id, search: "1." });
    expect(after.tags.map((tag) => tag.tag)).toEqual(["1.3.0", "1.0.0"]);
  });
});
