// Issue 9 item 3: a request captures what would ship (the objects, their diff against live with
// Secret values masked, the parameters' hash and the template version); approving applies
// exactly that; a request whose parameters or template changed since is stale and approval
// refuses; a protected environment's parameters are changed only by who may deploy there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { upgradeAppTemplate } from "@/lib/services/apps/upgrade-app-template";
import { createApp } from "@/lib/services/apps/create-app";
import { ensureBuiltinTemplates } from "@/lib/services/templates/ensure-builtin-templates";
import { saveTemplateVersion } from "@/lib/services/templates/save-template-version";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ZDeploySchema } from "@/lib/validations/release";
import { ZSaveTemplateVersionSchema } from "@/lib/validations/template";
import { context } from "@/test/factories";
import { makeReleaseWorld, releaseTemplateBody, releaseTemplateSchema, settledRelease } from "@/test/release-fixtures";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { decideReleaseRequest } from "./decide-release-request";
import { deployRelease } from "./deploy-release";

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
let prod: Awaited<ReturnType<World["environment"]>>;

beforeAll(async () => {
  world = await makeReleaseWorld();
  prod = await world.environment("prod", { protected: true });
  await startTestJobs();
});

afterAll(async () => {
  await stopTestJobs();
});

async function request(appId: string, tag: string) {
  const asked = await deployRelease(world.dev, ZDeploySchema.parse({ appId, environmentId: prod.id, tag }), context);
  if (asked.kind !== "request") throw new Error("expected a request");
  return db.releaseRequest.findUniqueOrThrow({ where: { id: asked.requestId } });
}

type Diff = { changes: { kind: string; change: string; diff: { kind: string; text: string }[] }[] };
const diffText = (diff: unknown) =>
  (diff as Diff).changes.flatMap((change) => change.diff.map((line) => `${line.kind} ${line.text}`)).join("\n");

describe("approvals ship what the approver saw", () => {
  it("captures the objects and their masked diff at request time, and the approval applies exactly them", async () => {
    await ensureBuiltinTemplates();
    const version = await db.templateVersion.findFirstOrThrow({
      where: { template: { name: "web-service" } },
      orderBy: { version: "desc" },
    });
    const app = await createApp(
      world.dev,
      ZCreateAppSchema.parse({
        name: "vault",
        teamId: world.team.id,
        templateVersionId: version.id,
        imageRepository: "harbor.example.com/shop/vault",
      }),
      context,
    );
    const secret = `approval-canary-${world.suffix}`;
    await saveAppEnvironment(
      world.ops,
      { appId: app.id, environmentId: prod.id, values: { replicas: 1, secretValues: { API_KEY: secret } } },
      context,
    );
    const asked = await request(app.id, "1.0.0");
    expect(asked).toMatchObject({ status: "pending", templateVersionId: version.id });
    expect(asked.manifestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(asked.parametersHash).toMatch(/^[0-9a-f]{64}$/);
    // The approver reads every object to be created, the Secret's key with its value masked.
    const diff = asked.diff as Diff;
    expect(diff.changes.map((change) => `${change.change} ${change.kind}`)).toEqual(
      expect.arrayContaining(["create Deployment", "create Secret"]),
    );
    const text = diffText(diff);
    expect(text).toContain("API_KEY");
    expect(text).toContain("harbor.example.com/shop/vault:1.0.0");
    expect(JSON.stringify(asked.diff)).not.toContain(secret);
    expect(JSON.stringify(asked.diff)).not.toContain(Buffer.from(secret).toString("base64"));

    const approved = await decideReleaseRequest(
      world.ops,
      { requestId: asked.id, decision: "approve", comment: "" },
      context,
    );
    const release = await settledRelease((approved as { release: { releaseId: string } }).release.releaseId);
    expect(release).toMatchObject({ status: "succeeded", trigger: "approval", manifestHash: asked.manifestHash });
  });

  it("marks a request stale when the parameters change before approval: nothing ships", async () => {
    const app = await world.app("drifter", { replicas: 1 }, prod.id);
    const asked = await request(app.id, "v1");
    // Ops change the parameters after the developer asked: the captured diff no longer holds.
    await saveAppEnvironment(
      world.ops,
      { appId: app.id, environmentId: prod.id, values: { replicas: 1, message: "changed" } },
      context,
    );
    await expect(
      decideReleaseRequest(world.ops, { requestId: asked.id, decision: "approve", comment: "" }, context),
    ).rejects.toMatchObject({ code: "conflict", messageKey: "approvals.stale" });
    expect(await db.releaseRequest.findUniqueOrThrow({ where: { id: asked.id } })).toMatchObject({
      status: "stale",
      releaseId: null,
      decidedByLabel: world.ops.email,
    });
    expect(await db.release.count({ where: { appId: app.id } })).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { targetId: asked.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.action)).toEqual(["release.request", "release.stale"]);
    // Clicked again (a second approver, say): it is no longer pending.
    await expect(
      decideReleaseRequest(world.admin, { requestId: asked.id, decision: "approve", comment: "" }, context),
    ).rejects.toMatchObject({ code: "conflict" });
    // Asked again, it captures the new parameters and ships them.
    const again = await request(app.id, "v1");
    expect(diffText(again.diff)).toContain("changed");
    const approved = await decideReleaseRequest(
      world.ops,
      { requestId: again.id, decision: "approve", comment: "" },
      context,
    );
    const release = await settledRelease((approved as { release: { releaseId: string } }).release.releaseId);
    expect(release).toMatchObject({ status: "succeeded", manifestHash: again.manifestHash });
  });

  it("marks a request stale when the app's template changes before approval", async () => {
    const app = await world.app("upgraded", { replicas: 1 }, prod.id);
    const asked = await request(app.id, "v1");
    const current = await db.app.findUniqueOrThrow({ where: { id: app.id }, include: { templateVersion: true } });
    const saved = await saveTemplateVersion(
      world.admin,
      ZSaveTemplateVersionSchema.parse({
        templateId: current.templateVersion.templateId,
        name: `rel-${world.suffix}`,
        schemaText: JSON.stringify(releaseTemplateSchema),
        body: releaseTemplateBody.replace("maxSurge: 1", "maxSurge: 2"),
      }),
      context,
    );
    const next = await db.templateVersion.findFirstOrThrow({
      where: { templateId: saved.templateId, version: saved.version },
    });
    await upgradeAppTemplate(world.ops, { appId: app.id, templateVersionId: next.id }, context);
    await expect(
      decideReleaseRequest(world.ops, { requestId: asked.id, decision: "approve", comment: "" }, context),
    ).rejects.toMatchObject({ code: "conflict", messageKey: "approvals.stale" });
    expect((await db.releaseRequest.findUniqueOrThrow({ where: { id: asked.id } })).status).toBe("stale");
    expect(await db.release.count({ where: { appId: app.id } })).toBe(0);
  });

  it("lets only who may deploy a protected environment directly change its parameters", async () => {
    const app = await world.app("guarded-params", { replicas: 1 }, prod.id);
    const before = await db.appEnvironment.findUniqueOrThrow({
      where: { appId_environmentId: { appId: app.id, environmentId: prod.id } },
    });
    await expect(
      saveAppEnvironment(world.dev, { appId: app.id, environmentId: prod.id, values: { message: "sneaky" } }, context),
    ).rejects.toMatchObject({ code: "forbidden", messageKey: "approvals.protectedParameters" });
    const after = await db.appEnvironment.findUniqueOrThrow({
      where: { appId_environmentId: { appId: app.id, environmentId: prod.id } },
    });
    expect(after.values).toEqual(before.values);
    expect(
      await db.auditEvent.count({ where: { action: "app.set_parameters", targetId: app.id, actorId: world.dev.id } }),
    ).toBe(0);
    // Ops may: their change is what the developer's next request shows and ships.
    await saveAppEnvironment(
      world.ops,
      { appId: app.id, environmentId: prod.id, values: { message: "by ops" } },
      context,
    );
    expect(diffText((await request(app.id, "v1")).diff)).toContain("by ops");
  });
});
