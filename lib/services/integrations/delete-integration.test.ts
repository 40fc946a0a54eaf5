import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as harborRoute } from "@/app/api/webhooks/harbor/[integration]/route";
import { POST as jenkinsRoute } from "@/app/api/webhooks/jenkins/[integration]/route";
import { db } from "@/lib/db";
import { followJenkinsBuild } from "@/lib/services/builds/follow-jenkins-build";
import { receiveHarborWebhook } from "@/lib/services/builds/receive-harbor-webhook";
import { releaseOrigin } from "@/lib/services/builds/release-origin";
import { saveAppBuildSettings } from "@/lib/services/builds/save-app-build-settings";
import { ZJenkinsServerSchema } from "@/lib/validations/integration";
import { makeBuildWorld } from "@/test/build-fixtures";
import { context, makeUser } from "@/test/factories";
import { startReleaseJobs, stopTestJobs } from "@/test/jobs";
import { eventually } from "@/test/sandbox";
import { HarborFake } from "@/test/support/harbor-fake";
import { JenkinsFake } from "@/test/support/jenkins-fake";
import { deleteJenkinsServer } from "./delete-jenkins-server";
import { deleteRegistry } from "./delete-registry";
import { saveJenkinsServer } from "./save-jenkins-server";

const digest = (seed: string) => `sha256:${createHash("sha256").update(seed).digest("hex")}`;

type World = Awaited<ReturnType<typeof makeBuildWorld>>;
let world: World;
let harbor: HarborFake;
let jenkins: JenkinsFake;

beforeAll(async () => {
  await startReleaseJobs();
  world = await makeBuildWorld();
  harbor = await new HarborFake().start();
  jenkins = await new JenkinsFake().start();
  jenkins.addJob("shop/web");
});
afterAll(async () => {
  await stopTestJobs();
  await harbor.stop();
  await jenkins.stop();
});

const auditsOf = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { at: "asc" } });

describe("deleting a registry", () => {
  it("is refused naming the environments while one uses it; then takes its secret, deliveries and tags, keeps releases' origin, and its webhook answers 404 storing nothing", async () => {
    const admin = await makeUser("admin");
    const registry = await world.registry("doomed", {
      kind: "harbor",
      url: harbor.url,
      username: harbor.credentials!.username,
      secret: harbor.credentials!.password,
    });
    const other = await world.registry("keeper", { kind: "oci", url: "http://127.0.0.1:9" });
    const dev = await world.environment("dev", { registryId: registry.id, autoDeploy: true });
    const app = await world.app("gone");
    const repository = `${world.team.name}/gone`;
    const route = (id: string) => (request: Request) =>
      harborRoute(request, { params: Promise.resolve({ integration: id }) });

    // A push deploys dev by itself: the release's origin names this registry.
    const pushed = digest("gone-1.0.0");
    harbor.push(repository, pushed, ["1.0.0"]);
    const delivery = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "PUSH_ARTIFACT",
      repository,
      digest: pushed,
      tag: "1.0.0",
      operator: "alice",
    });
    expect(delivery.status).toBe(202);
    const release = await eventually("the push deployed dev", () =>
      db.release.findFirst({ where: { appId: app.id, environmentId: dev.id } }),
    );
    const { eventId } = delivery.body as { eventId: string };
    await eventually("the push processed", async () =>
      (await db.buildEvent.findUniqueOrThrow({ where: { id: eventId } })).status === "processed" ? true : null,
    );

    await expect(deleteRegistry(admin, registry.id, context)).rejects.toMatchObject({
      code: "conflict",
      messageKey: "integrations.registryInUse",
      values: { name: registry.name, environments: dev.name },
    });
    expect(await db.registry.findUnique({ where: { id: registry.id } })).not.toBeNull();
    expect((await auditsOf(registry.id)).map((row) => row.action)).not.toContain("registry.delete");

    // dev takes its images from another registry now: nothing uses this one.
    await db.environment.update({ where: { id: dev.id }, data: { registryId: other.id } });
    await deleteRegistry(admin, registry.id, context);
    expect(await db.registry.findUnique({ where: { id: registry.id } })).toBeNull();
    expect(await db.buildEvent.count({ where: { registryId: registry.id } })).toBe(0);
    expect(await db.imageTag.count({ where: { registryId: registry.id } })).toBe(0);
    const audit = (await auditsOf(registry.id)).find((row) => row.action === "registry.delete");
    expect(audit).toMatchObject({
      actorId: admin.id,
      targetLabel: registry.name,
      before: { name: registry.name, kind: "harbor", url: harbor.url },
      after: { deliveries: 1, tags: 1 },
    });
    expect(JSON.stringify([audit?.before, audit?.after])).not.toContain(harbor.credentials!.password);
    expect(await releaseOrigin(release.id)).toEqual({ pushedBy: "alice", registry: registry.name, tag: "1.0.0" });

    // Harbor keeps calling: 404, and neither a delivery nor an audit row is written.
    const events = await db.buildEvent.count();
    const audits = await db.auditEvent.count();
    const late = await harbor.deliver(route(registry.id), registry.webhookSecret, {
      type: "PUSH_ARTIFACT",
      repository,
      digest: digest("gone-1.0.1"),
      tag: "1.0.1",
    });
    expect(late.status).toBe(404);
    expect(await db.buildEvent.count()).toBe(events);
    expect(await db.auditEvent.count()).toBe(audits);

    await expect(deleteRegistry(admin, registry.id, context)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a delivery that meets the delete", () => {
  it("is answered 404 and stores nothing when its registry is deleted while the delivery is read", async () => {
    const admin = await makeUser("admin");
    const registry = await world.registry("racing", { kind: "harbor", url: harbor.url });
    const repository = `${world.team.name}/racing`;
    const payload = {
      type: "PUSH_ARTIFACT",
      occur_at: Math.floor(Date.now() / 1000),
      operator: "alice",
      event_data: {
        resources: [{ digest: digest("racing"), tag: "1.0.0", resource_url: `${harbor.host}/${repository}:1.0.0` }],
        repository: { name: "racing", namespace: world.team.name, repo_full_name: repository, repo_type: "private" },
      },
    };
    const events = await db.buildEvent.count();
    await expect(
      receiveHarborWebhook(
        registry.id,
        {
          authorization: registry.webhookSecret,
          headers: new Headers({ "Content-Type": "application/json" }),
          // Authenticated already; the admin deletes the registry before the body is read.
          body: async () => {
            await deleteRegistry(admin, registry.id, context);
            const raw = Buffer.from(JSON.stringify(payload));
            return { raw, json: payload };
          },
        },
        context,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.buildEvent.count()).toBe(events);
  });
});

describe("deleting a Jenkins server", () => {
  it("is refused naming the apps while one builds with it; then takes its token, keeps its builds (a followed one given up as lost), and its webhook answers 404", async () => {
    const admin = await makeUser("admin");
    const server = await saveJenkinsServer(
      { system: "test" },
      ZJenkinsServerSchema.parse({
        name: `doomed-ci-${world.suffix}`,
        url: jenkins.url,
        username: jenkins.credentials.username,
        token: jenkins.credentials.token,
      }),
      context,
    );
    const app = await world.app("built");
    await saveAppBuildSettings(
      world.dev,
      { appId: app.id, jenkinsServerId: server.id, jenkinsJob: "shop/web", autoDeployPattern: "*" },
      context,
    );
    const report = (body: unknown) =>
      jenkinsRoute(
        new Request("http://slipway.test/api/webhooks/jenkins/x", {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${server.webhookSecret}` },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ integration: server.id }) },
      );
    const finished = await report({ job: "shop/web", number: 3, result: "SUCCESS", commit: "4f2c1ab" });
    expect(finished.status).toBe(200);
    const { buildId } = (await finished.json()) as { buildId: string };
    const queued = await db.jenkinsBuild.create({
      data: { jenkinsServerId: server.id, appId: app.id, job: "shop/web", queueUrl: `${jenkins.url}/queue/item/99/` },
    });

    await expect(deleteJenkinsServer(admin, server.id, context)).rejects.toMatchObject({
      code: "conflict",
      messageKey: "integrations.jenkinsInUse",
      values: { apps: `${world.team.name}/built` },
    });
    expect(await db.jenkinsServer.findUnique({ where: { id: server.id } })).not.toBeNull();

    await saveAppBuildSettings(world.dev, { appId: app.id, autoDeployPattern: "*" }, context);
    await deleteJenkinsServer(admin, server.id, context);
    expect(await db.jenkinsServer.findUnique({ where: { id: server.id } })).toBeNull();
    expect(await db.jenkinsBuild.findUniqueOrThrow({ where: { id: buildId } })).toMatchObject({
      jenkinsServerId: null,
      appId: app.id,
      status: "succeeded",
      commit: "4f2c1ab",
    });
    expect(await db.jenkinsBuild.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      jenkinsServerId: null,
      status: "lost",
    });
    // A follower that still holds the build's id stops without asking anyone.
    expect(await followJenkinsBuild(queued.id)).toBe("done");
    const audit = (await auditsOf(server.id)).find((row) => row.action === "jenkins.delete");
    expect(audit).toMatchObject({ actorId: admin.id, after: { buildsGivenUp: 1 } });
    expect(JSON.stringify([audit?.before, audit?.after])).not.toContain(jenkins.credentials.token);

    const builds = await db.jenkinsBuild.count();
    const audits = await db.auditEvent.count();
    expect((await report({ job: "shop/web", number: 4 })).status).toBe(404);
    expect(await db.jenkinsBuild.count()).toBe(builds);
    expect(await db.auditEvent.count()).toBe(audits);
  });
});
