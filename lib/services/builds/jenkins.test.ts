import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/jenkins/[integration]/route";
import { jenkinsBuildJob } from "@/lib/builds/jobs";
import { db } from "@/lib/db";
import { saveJenkinsServer } from "@/lib/services/integrations/save-jenkins-server";
import { ZJenkinsServerSchema } from "@/lib/validations/integration";
import { createTeam } from "@/lib/services/teams/create-team";
import { makeBuildWorld } from "@/test/build-fixtures";
import { context, makeUser } from "@/test/factories";
import { runJobsUntilIdle, startReleaseJobs, stopTestJobs } from "@/test/jobs";
import { HarborFake } from "@/test/support/harbor-fake";
import { JenkinsFake } from "@/test/support/jenkins-fake";
import { followJenkinsBuild, MAX_MISSES } from "./follow-jenkins-build";
import { listImageTags } from "./list-image-tags";
import { saveAppBuildSettings } from "./save-app-build-settings";
import { triggerJenkinsBuild } from "./trigger-jenkins-build";

type World = Awaited<ReturnType<typeof makeBuildWorld>>;
let world: World;
let jenkins: JenkinsFake;
let server: { id: string; webhookSecret: string | null };
let app: Awaited<ReturnType<World["app"]>>;

const webhook = (body: unknown, authorization: string | null) =>
  POST(
    new Request("http://slipway.test/api/webhooks/jenkins/x", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ integration: server.id }) },
  );

const buildOf = (buildId: string) => db.jenkinsBuild.findUniqueOrThrow({ where: { id: buildId } });

beforeAll(async () => {
  // Releases end through the release engine's jobs.
  await startReleaseJobs();
  world = await makeBuildWorld();
  jenkins = await new JenkinsFake().start();
  jenkins.addJob("shop/web");
  jenkins.addJob("shop/off", { disabled: true });
  server = await saveJenkinsServer(
    { system: "test" },
    ZJenkinsServerSchema.parse({
      name: `jenkins-${world.suffix}`,
      url: jenkins.url,
      username: jenkins.credentials.username,
      token: jenkins.credentials.token,
    }),
    context,
  );
  app = await world.app("web");
  await saveAppBuildSettings(
    world.dev,
    { appId: app.id, jenkinsServerId: server.id, jenkinsJob: "shop/web", autoDeployPattern: "*" },
    context,
  );
});
afterAll(async () => {
  await stopTestJobs();
  await jenkins.stop();
});

describe("Jenkins", () => {
  it("is saved only after the connection test finds a Jenkins that takes the API token", async () => {
    const check = await db.jenkinsServer.findUniqueOrThrow({ where: { id: server.id } });
    expect(check.checkResult).toMatchObject({ ok: true, version: "2.479.1" });
    expect(check.tokenEncrypted).toMatch(/^enc:v1:/);
    expect(check.tokenEncrypted).not.toContain(jenkins.credentials.token);
    await expect(
      saveJenkinsServer(
        { system: "test" },
        ZJenkinsServerSchema.parse({
          name: `wrong-${world.suffix}`,
          url: jenkins.url,
          username: "slipway",
          token: "bad",
        }),
        context,
      ),
    ).rejects.toMatchObject({ field: "url", messageKey: "integrations.error.unauthorized" });
    expect(await db.jenkinsServer.count({ where: { name: `wrong-${world.suffix}` } })).toBe(0);
  });

  it("records builds a Jenkinsfile reports, once per build, and refuses a wrong secret (audited)", async () => {
    const refused = await webhook({ job: "shop/web", number: 7 }, "Bearer nope");
    expect(refused.status).toBe(401);
    expect(await db.jenkinsBuild.count({ where: { jenkinsServerId: server.id, number: 7 } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "webhook.refused", targetId: server.id } })).toBe(1);
    expect((await webhook({ job: "shop/web", number: "seven" }, `Bearer ${server.webhookSecret}`)).status).toBe(400);

    const running = await webhook(
      {
        job: "shop/web",
        number: 7,
        commit: "4f2c1ab",
        branch: "main",
        url: "https://jenkins.example.test/job/shop/job/web/7/",
      },
      `Bearer ${server.webhookSecret}`,
    );
    expect(running.status).toBe(200);
    const { buildId } = (await running.json()) as { buildId: string };
    expect(await buildOf(buildId)).toMatchObject({ status: "running", appId: app.id, commit: "4f2c1ab" });
    const image = `harbor.example.test/${world.team.name}/web:2.0.0`;
    const done = await webhook(
      { job: "shop/web", number: 7, result: "SUCCESS", image },
      `Bearer ${server.webhookSecret}`,
    );
    expect(((await done.json()) as { buildId: string }).buildId).toBe(buildId);
    expect(await buildOf(buildId)).toMatchObject({
      status: "succeeded",
      image,
      imageRepository: `${world.team.name}/web`,
      imageTag: "2.0.0",
      branch: "main",
      buildUrl: "https://jenkins.example.test/job/shop/job/web/7/",
    });
    expect(await db.jenkinsBuild.count({ where: { jenkinsServerId: server.id, job: "shop/web", number: 7 } })).toBe(1);
  });

  it("shows the build that named an image beside its tag in the picker", async () => {
    const harbor = await new HarborFake().start();
    try {
      const registry = await world.registry("harbor-jenkins", {
        kind: "harbor",
        url: harbor.url,
        username: harbor.credentials!.username,
        secret: harbor.credentials!.password,
      });
      const env = await world.environment("dev", { registryId: registry.id });
      harbor.push(`${world.team.name}/web`, `sha256:${"a".repeat(64)}`, ["2.0.0"]);
      const picker = await listImageTags(world.dev, { appId: app.id, environmentId: env.id });
      expect(picker.tags[0]).toMatchObject({
        tag: "2.0.0",
        build: {
          number: 7,
          commit: "4f2c1ab",
          branch: "main",
          url: "https://jenkins.example.test/job/shop/job/web/7/",
        },
      });
    } finally {
      await harbor.stop();
    }
  });

  it("starts the app's job with the Build button and follows it from the queue to its result; audited", async () => {
    const { buildId, duplicate } = await triggerJenkinsBuild(world.dev, { appId: app.id, branch: "main" }, context);
    expect(duplicate).toBe(false);
    const trigger = jenkins.requests.find((request) => request.path.endsWith("buildWithParameters?delay=0sec"));
    expect(trigger).toMatchObject({ method: "POST", body: "BRANCH=main" });
    expect(await buildOf(buildId)).toMatchObject({ status: "queued", number: null, triggeredByLabel: world.dev.email });
    expect(await db.auditEvent.count({ where: { action: "build.trigger", targetId: app.id } })).toBe(1);
    // Jenkins' Location names its own root URL; Slipway keeps the id and asks the URL it knows.
    expect((await buildOf(buildId)).queueUrl).toBe(`${jenkins.url}/queue/item/${jenkins.lastQueueId()}/`);

    expect(await followJenkinsBuild(buildId)).toBe("again");
    const number = jenkins.startBuild(jenkins.lastQueueId());
    expect(await followJenkinsBuild(buildId)).toBe("again");
    expect(await buildOf(buildId)).toMatchObject({
      status: "running",
      number,
      buildUrl: `${jenkins.rootUrl}job/shop/job/web/${number}/`,
    });
    jenkins.finishBuild("shop/web", number, "UNSTABLE");
    // The queued job takes the last look.
    const report = await runJobsUntilIdle([jenkinsBuildJob], { includeDeferred: true });
    expect(report.failed).toEqual([]);
    expect(await buildOf(buildId)).toMatchObject({ status: "unstable", finishedAt: expect.any(Date) });
  });

  it("takes Jenkins' 303 for an identical queued build as that build, not a second one", async () => {
    const first = await triggerJenkinsBuild(world.dev, { appId: app.id, branch: "release" }, context);
    const second = await triggerJenkinsBuild(world.dev, { appId: app.id, branch: "release" }, context);
    expect(second).toEqual({ buildId: first.buildId, duplicate: true });
    expect(await db.jenkinsBuild.count({ where: { appId: app.id, branch: "release" } })).toBe(1);
    jenkins.cancel(jenkins.lastQueueId());
    expect(await followJenkinsBuild(first.buildId)).toBe("done");
    expect(await buildOf(first.buildId)).toMatchObject({ status: "cancelled" });
  });

  it("finds the build of a queue item that vanished through the job's builds, and gives up on one that never became a build", async () => {
    const found = await triggerJenkinsBuild(world.dev, { appId: app.id, branch: "feature-a" }, context);
    const queueId = jenkins.lastQueueId();
    const number = jenkins.startBuild(queueId);
    jenkins.vanish(queueId);
    expect(await followJenkinsBuild(found.buildId)).toBe("again");
    expect(await buildOf(found.buildId)).toMatchObject({ status: "running", number });

    const lost = await triggerJenkinsBuild(world.dev, { appId: app.id, branch: "feature-b" }, context);
    jenkins.vanish(jenkins.lastQueueId());
    for (let i = 1; i < MAX_MISSES; i++) expect(await followJenkinsBuild(lost.buildId)).toBe("again");
    expect(await followJenkinsBuild(lost.buildId)).toBe("done");
    expect(await buildOf(lost.buildId)).toMatchObject({ status: "lost" });
  });

  it("lets only developers of the app's team build, and names a disabled job", async () => {
    await expect(triggerJenkinsBuild(world.tester, { appId: app.id }, context)).rejects.toMatchObject({
      code: "forbidden",
    });
    const stranger = await makeUser("developer");
    const other = await createTeam(world.admin, { name: `other${world.suffix}`, displayName: "" }, context);
    await expect(
      triggerJenkinsBuild({ ...stranger, teamIds: [other.id] }, { appId: app.id }, context),
    ).rejects.toMatchObject({ code: "forbidden" });
    await saveAppBuildSettings(
      world.dev,
      { appId: app.id, jenkinsServerId: server.id, jenkinsJob: "shop/off", autoDeployPattern: "*" },
      context,
    );
    await expect(triggerJenkinsBuild(world.dev, { appId: app.id }, context)).rejects.toMatchObject({
      code: "conflict",
      messageKey: "builds.jenkins.disabled",
    });
  });
});
