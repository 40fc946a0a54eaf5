import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HarborFake } from "@/test/support/harbor-fake";
import type { RegistryAccess } from "@/lib/integrations/registry/registry-access";
import { artifactsPath, checkHarbor, harborArtifact, listHarborTags } from "./harbor-client";

let harbor: HarborFake;
const access = (extra: Partial<RegistryAccess> = {}): RegistryAccess => ({
  id: "harbor",
  name: "harbor-test",
  kind: "harbor",
  url: harbor.url,
  tokenUrl: null,
  username: harbor.credentials!.username,
  secret: harbor.credentials!.password,
  ...extra,
});
const digest = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;

beforeAll(async () => {
  harbor = await new HarborFake().start();
  const start = Date.parse("2026-11-01T00:00:00Z");
  // 120 artifacts in a nested repository, one tag each, pushed a minute apart.
  for (let i = 1; i <= 120; i++) harbor.push("shop/team/web", digest(i), [`1.0.${i}`], new Date(start + i * 60_000));
  harbor.repositories.get("shop/team/web")![119]!.scan = { critical: 1, high: 4, total: 12, severity: "Critical" };
});
afterAll(() => harbor.stop());

describe("Harbor's API v2.0", () => {
  it("encodes the repository name after the project twice", () => {
    expect(artifactsPath("shop/team/web")).toBe("projects/shop/repositories/team%252Fweb/artifacts");
    expect(artifactsPath("shop/web")).toBe("projects/shop/repositories/web/artifacts");
  });

  it("lists the newest tags first across pages by following Link, with the scan summary", async () => {
    const tags = await listHarborTags(access(), "shop/team/web", { limit: 75 });
    expect(tags).toHaveLength(75);
    expect(tags[0]).toMatchObject({ tag: "1.0.120", digest: digest(120), scan: { critical: 1, high: 4 } });
    expect(tags[74]).toMatchObject({ tag: "1.0.46" });
    const pages = harbor.requests.filter((request) => request.path.includes("/artifacts?"));
    expect(pages.length).toBe(2);
    expect(pages[1]!.path).toContain("page=2");
    expect(pages[0]!.path).toContain("team%252Fweb");
  });

  it("searches with q=tags=~ and reads one artifact by tag", async () => {
    expect(
      (await listHarborTags(access(), "shop/team/web", { search: "1.0.11", limit: 30 })).map((t) => t.tag),
    ).toEqual([
      "1.0.119",
      "1.0.118",
      "1.0.117",
      "1.0.116",
      "1.0.115",
      "1.0.114",
      "1.0.113",
      "1.0.112",
      "1.0.111",
      "1.0.110",
      "1.0.11",
    ]);
    expect(await harborArtifact(access(), "shop/team/web", "1.0.7")).toMatchObject({ digest: digest(7) });
    expect(await harborArtifact(access(), "shop/team/web", "9.9.9")).toBeNull();
    expect(await listHarborTags(access(), "shop/none", { limit: 10 })).toEqual([]);
  });

  it("says 401 for wrong credentials, 403 for missing rights and 'not a Harbor' for another server", async () => {
    await expect(listHarborTags(access({ secret: "wrong" }), "shop/team/web", { limit: 5 })).rejects.toMatchObject({
      messageKey: "integrations.error.unauthorized",
    });
    await expect(checkHarbor(access())).resolves.toEqual({ version: "v2.13.1-fake" });
    await expect(checkHarbor(access({ secret: "wrong" }))).rejects.toMatchObject({
      messageKey: "integrations.error.unauthorized",
    });
    harbor.denied = true;
    try {
      await expect(checkHarbor(access())).rejects.toMatchObject({ messageKey: "integrations.error.forbidden" });
    } finally {
      harbor.denied = false;
    }
    harbor.isHarbor = false;
    try {
      await expect(checkHarbor(access())).rejects.toMatchObject({ messageKey: "integrations.error.notHarbor" });
    } finally {
      harbor.isHarbor = true;
    }
  });
});
