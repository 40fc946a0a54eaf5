import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { decideReleaseRequest } from "@/lib/services/releases/decide-release-request";
import { previewDeploy } from "@/lib/services/releases/preview-deploy";
import { ZDeploySchema } from "@/lib/validations/release";
import { isFinalStatus } from "@/lib/validations/release-status";
import { makeBuildWorld } from "@/test/build-fixtures";
import { context, makeUser } from "@/test/factories";
import { eventually, sandboxClient } from "@/test/sandbox";
import { pushImage } from "@/test/support/push-image";
import { startRegistry, type TestRegistry } from "@/test/support/registry";
import { listImageTags } from "./list-image-tags";
import { lookupTagDigests } from "./lookup-tag-digests";
import { promotionSource } from "./promotion-source";
import { startReleaseJobs, stopTestJobs } from "@/test/jobs";

// Two real registries: the test one, and the production one that "replication" fills by
// pushing the same image (same bytes, same digest) there.
type World = Awaited<ReturnType<typeof makeBuildWorld>>;
let world: World;
let testRegistry: TestRegistry;
let prodRegistry: TestRegistry;
let test: Awaited<ReturnType<World["environment"]>>;
let prod: Awaited<ReturnType<World["environment"]>>;
let app: Awaited<ReturnType<World["app"]>>;
let repository: string;
let tested: string;

async function settled(releaseId: string) {
  return eventually(`release ${releaseId} to finish`, async () => {
    const release = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
    return isFinalStatus(release.status) ? release : null;
  });
}

const deploy = (actor: World["dev"], environmentId: string, tag: string, digest?: string) =>
  deployRelease(actor, ZDeploySchema.parse({ appId: app.id, environmentId, tag, digest }), context);

beforeAll(async () => {
  // Releases end through the release engine's jobs.
  await startReleaseJobs();
  world = await makeBuildWorld();
  [testRegistry, prodRegistry] = await Promise.all([startRegistry(), startRegistry()]);
  const testRow = await world.registry("test-oci", { kind: "oci", url: testRegistry.url });
  const prodRow = await world.registry("prod-oci", { kind: "oci", url: prodRegistry.url });
  test = await world.environment("test", { registryId: testRow.id });
  prod = await world.environment("prod", { registryId: prodRow.id, protected: true });
  app = await world.app("api");
  repository = `${world.team.name}/api`;
  tested = (await pushImage({ url: testRegistry.url }, repository, ["1.0.0"], "api-1.0.0")).digest;
  await pushImage({ url: testRegistry.url }, repository, ["0.9.0"], "api-0.9.0");
});
afterAll(async () => {
  await stopTestJobs();
  await Promise.all([testRegistry?.stop(), prodRegistry?.stop()]);
});

describe("digest pinning and promotion", () => {
  it("checks a typed tag in the environment's registry before any release starts", async () => {
    await expect(deploy(world.dev, test.id, "9.9.9")).rejects.toMatchObject({
      field: "tag",
      messageKey: "builds.tagMissing",
      values: { tag: "9.9.9", repository },
    });
    expect(await db.release.count({ where: { appId: app.id } })).toBe(0);
  });

  it("lists the registry's tags for the picker at once, then the digests it asks for, known from then on until a newer build of the tag", async () => {
    const where = { appId: app.id, environmentId: test.id };
    const first = await listImageTags(world.dev, where);
    expect(first.tags.map((tag) => [tag.tag, tag.digest])).toEqual([
      ["1.0.0", null],
      ["0.9.0", null],
    ]);
    expect(first.pendingDigests).toEqual(["1.0.0", "0.9.0"]);
    const looked = await lookupTagDigests(world.dev, { ...where, tags: first.pendingDigests });
    expect(looked.digests.map((row) => [row.tag, row.digest])).toEqual([
      ["1.0.0", tested],
      ["0.9.0", expect.stringMatching(/^sha256:/)],
    ]);
    const second = await listImageTags(world.dev, where);
    expect(second.pendingDigests).toEqual([]);
    expect(second.tags.map((tag) => [tag.tag, tag.digest])).toEqual(looked.digests.map((row) => [row.tag, row.digest]));
    // A build reports 0.9.0 built (and pushed) again: its digest is asked anew.
    await db.jenkinsBuild.create({
      data: { job: "shop/web", number: 90, status: "succeeded", imageRepository: repository, imageTag: "0.9.0" },
    });
    expect((await listImageTags(world.dev, where)).pendingDigests).toEqual(["0.9.0"]);
    // Someone outside the app's team sees none of it.
    await expect(lookupTagDigests(await makeUser("developer"), { ...where, tags: ["1.0.0"] })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(
      (await listImageTags(world.dev, { appId: app.id, environmentId: test.id, search: "0.9" })).tags,
    ).toHaveLength(1);
  });

  it("records the digest of every release and deploys the tag where the environment is not protected", async () => {
    const result = await deploy(world.dev, test.id, "1.0.0");
    if (result.kind !== "release") throw new Error("expected a release");
    const release = await settled(result.releaseId);
    expect(release).toMatchObject({
      status: "succeeded",
      image: `${testRegistry.host}/${repository}:1.0.0`,
      imageDigest: tested,
    });
  });

  it("offers what test runs to prod, refuses it until it is replicated and while another image has the tag, then deploys those exact bytes", async () => {
    expect(await promotionSource(app.id, prod)).toMatchObject({
      environmentName: test.name,
      tag: "1.0.0",
      digest: tested,
    });
    // Not in the production registry yet.
    await expect(deploy(world.ops, prod.id, "1.0.0", tested)).rejects.toMatchObject({
      field: "tag",
      messageKey: "builds.notReplicated",
      values: { registry: expect.stringContaining("prod-oci"), env: prod.name },
    });
    // Without the digest given, a protected environment still expects what test ran.
    await expect(deploy(world.ops, prod.id, "1.0.0")).rejects.toMatchObject({ messageKey: "builds.notReplicated" });
    // Another image under the same tag there.
    await pushImage({ url: prodRegistry.url }, repository, ["1.0.0"], "api-rebuilt");
    await expect(deploy(world.ops, prod.id, "1.0.0", tested)).rejects.toMatchObject({
      messageKey: "builds.digestDiffers",
      values: { expected: tested.slice(0, 19) },
    });
    expect(await db.release.count({ where: { appId: app.id, environmentId: prod.id } })).toBe(0);

    // Replication: the very image pushed to the production registry.
    await pushImage({ url: prodRegistry.url }, repository, ["1.0.0"], "api-1.0.0");
    const preview = await previewDeploy(world.ops, {
      appId: app.id,
      environmentId: prod.id,
      tag: "1.0.0",
      digest: tested,
    });
    expect(preview.image).toBe(`${prodRegistry.host}/${repository}:1.0.0@${tested}`);
    const result = await deploy(world.ops, prod.id, "1.0.0", tested);
    if (result.kind !== "release") throw new Error("expected a release");
    const release = await settled(result.releaseId);
    expect(release).toMatchObject({ status: "succeeded", imageDigest: tested, image: preview.image });
    const deployment = await sandboxClient("admin").apps.readNamespacedDeployment({
      name: "api",
      namespace: `${world.team.name}-${prod.name}`,
    });
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe(
      `${prodRegistry.host}/${repository}:1.0.0@${tested}`,
    );
  });

  it("keeps a developer's request to the digest it was made for, and the approval deploys exactly it", async () => {
    await pushImage({ url: testRegistry.url }, repository, ["1.1.0"], "api-1.1.0");
    const next = await deploy(world.dev, test.id, "1.1.0");
    if (next.kind !== "release") throw new Error("expected a release");
    const ran = await settled(next.releaseId);
    await pushImage({ url: prodRegistry.url }, repository, ["1.1.0"], "api-1.1.0");
    const request = await deploy(world.dev, prod.id, "1.1.0");
    expect(request.kind).toBe("request");
    const stored = await db.releaseRequest.findFirstOrThrow({ where: { appId: app.id, environmentId: prod.id } });
    expect(stored.digest).toBe(ran.imageDigest);
    // Meanwhile someone pushes another image as 1.1.0 to production: the approval refuses it.
    await pushImage({ url: prodRegistry.url }, repository, ["1.1.0"], "api-1.1.0-hotfix");
    await expect(
      decideReleaseRequest(world.ops, { requestId: stored.id, decision: "approve", comment: "" }, context),
    ).rejects.toMatchObject({ messageKey: "builds.digestDiffers" });
    expect((await db.releaseRequest.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe("pending");
    await pushImage({ url: prodRegistry.url }, repository, ["1.1.0"], "api-1.1.0");
    const approved = await decideReleaseRequest(
      world.ops,
      { requestId: stored.id, decision: "approve", comment: "" },
      context,
    );
    if (approved.status !== "approved" || !approved.release) throw new Error("expected a release");
    expect(await settled(approved.release.releaseId)).toMatchObject({ imageDigest: ran.imageDigest });
  });

  it("says so within the timeout when the registry is down, and starts nothing", async () => {
    await testRegistry.stop();
    const started = Date.now();
    await expect(deploy(world.dev, test.id, "1.0.0")).rejects.toMatchObject({
      code: "unavailable",
      messageKey: "integrations.error.unreachable",
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const picker = await listImageTags(world.dev, { appId: app.id, environmentId: test.id });
    expect(picker.error).toMatchObject({ key: "integrations.error.unreachable" });
    expect(await db.release.count({ where: { appId: app.id, environmentId: test.id } })).toBe(2);
  });
});
