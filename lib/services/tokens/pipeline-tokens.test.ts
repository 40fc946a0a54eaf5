import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/releases/route";
import { GET } from "@/app/api/releases/[id]/route";
import { db } from "@/lib/db";
import { createApp } from "@/lib/services/apps/create-app";
import { createTeam } from "@/lib/services/teams/create-team";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ZCreatePipelineTokenSchema } from "@/lib/validations/pipeline-token";
import { makeBuildWorld } from "@/test/build-fixtures";
import { context } from "@/test/factories";
import { createPipelineToken } from "./create-pipeline-token";
import { listPipelineTokens } from "./list-pipeline-tokens";
import { revokePipelineToken } from "./revoke-pipeline-token";
import { startReleaseJobs, stopTestJobs } from "@/test/jobs";

type World = Awaited<ReturnType<typeof makeBuildWorld>>;
let world: World;
let dev: Awaited<ReturnType<World["environment"]>>;
let prod: Awaited<ReturnType<World["environment"]>>;
let app: Awaited<ReturnType<World["app"]>>;
let otherApp: { id: string };

const deployCall = (token: string, body: unknown) =>
  POST(
    new Request("http://slipway.test/api/releases", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
const statusCall = (token: string, id: string) =>
  GET(new Request(`http://slipway.test/api/releases/${id}`, { headers: { Authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ id }),
  });
const newToken = (name: string, expiresInDays = 30) =>
  createPipelineToken(
    world.dev,
    ZCreatePipelineTokenSchema.parse({ teamId: world.team.id, name, expiresInDays }),
    context,
  );

afterAll(async () => {
  await stopTestJobs();
});

beforeAll(async () => {
  // Releases end through the release engine's jobs.
  await startReleaseJobs();
  world = await makeBuildWorld();
  dev = await world.environment("dev");
  prod = await world.environment("prod", { protected: true });
  app = await world.app("svc");
  const other = await createTeam(world.admin, { name: `oth${world.suffix}`, displayName: "" }, context);
  const version = await db.templateVersion.findFirstOrThrow({ where: { template: { name: `rel-${world.suffix}` } } });
  otherApp = await createApp(
    world.admin,
    ZCreateAppSchema.parse({
      name: "svc",
      teamId: other.id,
      templateVersionId: version.id,
      imageRepository: "oth/svc",
    }),
    context,
  );
});

describe("pipeline tokens", () => {
  it("are shown once and stored as a hash; creating one is audited without it", async () => {
    const { id, token, expiresAt } = await newToken("ci");
    expect(token).toMatch(/^slp_[\w-]{43}$/);
    expect(expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    const row = await db.pipelineToken.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(row.prefix).toBe(token.slice(0, 10));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "pipeline-token.create" } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(token.slice(4));
    expect((await listPipelineTokens(world.dev)).map((t) => t.name)).toContain("ci");
    expect(JSON.stringify(await listPipelineTokens(world.dev))).not.toContain(token.slice(4));
  });

  it("deploy their team's apps through POST /api/releases and read those releases' status, noting the last use", async () => {
    const { id, token } = await newToken("deployer");
    const response = await deployCall(token, { appId: app.id, environmentId: dev.id, tag: "1.0.0" });
    expect(response.status).toBe(201);
    const result = (await response.json()) as { releaseId: string };
    const release = await db.release.findUniqueOrThrow({ where: { id: result.releaseId } });
    expect(release.actorLabel).toBe(`token:${world.team.name}/deployer`);
    expect(
      await db.auditEvent.count({ where: { targetId: release.id, actorLabel: `token:${world.team.name}/deployer` } }),
    ).toBe(1);
    expect((await db.pipelineToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
    const status = await statusCall(token, release.id);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ id: release.id, app: `${world.team.name}/svc`, number: 1 });
  });

  it("never approve, never act for another team, and only request a protected environment", async () => {
    const { token } = await newToken("limited");
    const request = await deployCall(token, { appId: app.id, environmentId: prod.id, tag: "1.0.0" });
    expect(request.status).toBe(202);
    expect(await request.json()).toMatchObject({ kind: "request" });
    const foreign = await deployCall(token, { appId: otherApp.id, environmentId: dev.id, tag: "1.0.0" });
    expect(foreign.status).toBe(403);
    const theirs = await deployRelease(
      world.admin,
      { appId: otherApp.id, environmentId: dev.id, tag: "1.0.0", description: "", takeOver: false },
      context,
    );
    if (theirs.kind !== "release") throw new Error("expected a release");
    expect((await statusCall(token, theirs.releaseId)).status).toBe(404);
  });

  it("are refused once revoked or expired, and only the team's people manage them", async () => {
    const revoked = await newToken("revoked");
    await revokePipelineToken(world.dev, revoked.id, context);
    expect((await deployCall(revoked.token, { appId: app.id, environmentId: dev.id, tag: "1.0.1" })).status).toBe(401);
    expect(await db.auditEvent.count({ where: { targetId: revoked.id, action: "pipeline-token.revoke" } })).toBe(1);
    const expired = await newToken("expired", 1);
    await db.pipelineToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await deployCall(expired.token, { appId: app.id, environmentId: dev.id, tag: "1.0.1" })).status).toBe(401);
    expect((await deployCall("slp_made-up", { appId: app.id, environmentId: dev.id, tag: "1.0.1" })).status).toBe(401);

    const input = ZCreatePipelineTokenSchema.parse({ teamId: world.team.id, name: "nope", expiresInDays: 0 });
    await expect(createPipelineToken(world.tester, input, context)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createPipelineToken({ ...world.dev, teamIds: [] }, input, context)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(newToken("ci")).rejects.toMatchObject({ code: "conflict", field: "name" });
  });
});
