import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveRegistry } from "@/lib/services/integrations/save-registry";
import { testIntegrationConnection } from "@/lib/services/integrations/test-integration-connection";
import { ZRegistrySchema } from "@/lib/validations/integration";
import { makeBuildWorld } from "@/test/build-fixtures";
import { context } from "@/test/factories";
import { pushImage } from "@/test/support/push-image";
import { startRegistry, type TestRegistry } from "@/test/support/registry";
import { listImageTags } from "./list-image-tags";
import { lookupTagDigests } from "./lookup-tag-digests";

// A plain registry most teams run themselves: docker-registry 2.8.2 with an htpasswd file,
// which answers `WWW-Authenticate: Basic` and takes the user and password on every call.
const USER = "ci-reader";
const PASSWORD = "pa55-w0rd!";

type World = Awaited<ReturnType<typeof makeBuildWorld>>;
let world: World;
let registry: TestRegistry;
const pushed: Record<string, string> = {};

beforeAll(async () => {
  world = await makeBuildWorld();
  registry = await startRegistry({ htpasswd: { username: USER, password: PASSWORD } });
  const target = {
    url: registry.url,
    authorization: () => `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`,
  };
  for (const tag of ["1.0.0", "1.1.0"])
    pushed[tag] = (await pushImage(target, `${world.team.name}/basic`, [tag], `basic-${tag}`)).digest;
});
afterAll(() => registry.stop());

const input = (extra: Record<string, unknown>) =>
  ZRegistrySchema.parse({
    name: `basic-${world.suffix}`,
    kind: "oci",
    url: registry.url,
    username: USER,
    secret: PASSWORD,
    ...extra,
  });

describe("a registry behind htpasswd basic auth", () => {
  it("is saved after its connection test passes with the right password, refused with 401 with a wrong one, and lists tags with digests in the picker", async () => {
    await expect(
      saveRegistry({ system: "test" }, input({ name: `wrong-${world.suffix}`, secret: "not-it" }), context),
    ).rejects.toMatchObject({ field: "url", messageKey: "integrations.error.unauthorized" });
    expect(await db.registry.count({ where: { name: `wrong-${world.suffix}` } })).toBe(0);

    const saved = await saveRegistry({ system: "test" }, input({}), context);
    expect(saved.check).toEqual({ ok: true, version: null, error: null });
    expect(await testIntegrationConnection({ kind: "registry", id: saved.id })).toMatchObject({ ok: true });

    const env = await world.environment("basic", { registryId: saved.id });
    const app = await world.app("basic");
    const where = { appId: app.id, environmentId: env.id };
    const picker = await listImageTags(world.dev, where);
    expect(picker.error).toBeNull();
    expect(picker.tags.map((row) => row.tag).sort()).toEqual(["1.0.0", "1.1.0"]);
    const looked = await lookupTagDigests(world.dev, { ...where, tags: picker.pendingDigests });
    expect(
      looked.digests.map(({ tag, digest }) => ({ tag, digest })).sort((a, b) => a.tag.localeCompare(b.tag)),
    ).toEqual([
      { tag: "1.0.0", digest: pushed["1.0.0"] },
      { tag: "1.1.0", digest: pushed["1.1.0"] },
    ]);

    // The password changes on the registry's side: "Test connection" says 401, the picker says
    // so instead of listing, and a typed tag still is the way to deploy.
    await saveRegistry(
      { system: "test" },
      input({ id: saved.id, secret: "rotated-away", saveUnverified: true }),
      context,
    );
    expect(await testIntegrationConnection({ kind: "registry", id: saved.id })).toMatchObject({
      ok: false,
      error: { key: "integrations.error.unauthorized" },
    });
    const refused = await listImageTags(world.dev, { appId: app.id, environmentId: env.id });
    expect(refused).toMatchObject({ tags: [], error: { key: "integrations.error.unauthorized" } });
  });
});
