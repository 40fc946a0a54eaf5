import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServer, listenOnLoopback } from "@/test/support/loopback-server";
import { startRegistry, type TestRegistry } from "@/test/support/registry";
import { startTokenServer, type TokenServer } from "@/test/support/registry-token-server";
import { pushImage, pushIndex } from "@/test/support/push-image";
import { listOciTags, ociManifestDigest, pingOci } from "./oci-client";
import type { RegistryAccess } from "./registry-access";

const access = (url: string, extra: Partial<RegistryAccess> = {}): RegistryAccess => ({
  id: `test-${url}`,
  name: "test-registry",
  kind: "oci",
  url,
  tokenUrl: null,
  username: null,
  secret: null,
  ...extra,
});

describe("a real docker-registry 2.8.2 without auth", () => {
  let registry: TestRegistry;
  const pushed: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startRegistry();
    for (const tag of ["1.0.0", "1.1.0", "2.0.0"])
      pushed[tag] = (await pushImage({ url: registry.url }, "shop/web", [tag], `web-${tag}`)).digest;
    // A re-tag: the manifest of 1.1.0 pushed again under "stable".
    await pushImage({ url: registry.url }, "shop/web", ["stable"], "web-1.1.0");
  });
  afterAll(() => registry.stop());

  it("lists every tag of a repository (2.8 ignores n and sends no Link) and none of an unknown one", async () => {
    expect((await listOciTags(access(registry.url), "shop/web")).sort()).toEqual(["1.0.0", "1.1.0", "2.0.0", "stable"]);
    expect(await listOciTags(access(registry.url), "shop/nothing")).toEqual([]);
  });

  it("resolves a tag to its manifest's digest with HEAD; a re-tag has the same digest; an unknown tag has none", async () => {
    const web = access(registry.url);
    expect(await ociManifestDigest(web, "shop/web", "2.0.0")).toBe(pushed["2.0.0"]);
    expect(await ociManifestDigest(web, "shop/web", "stable")).toBe(pushed["1.1.0"]);
    expect(pushed["1.0.0"]).not.toBe(pushed["1.1.0"]);
    expect(await ociManifestDigest(web, "shop/web", "9.9.9")).toBeNull();
  });

  it("pins a multi-arch tag to its index, not to a child, because the Accept list names index types", async () => {
    const index = await pushIndex({ url: registry.url }, "shop/multi", "1.0.0", "multi");
    const digest = await ociManifestDigest(access(registry.url), "shop/multi", "1.0.0");
    expect(digest).toBe(index.digest);
    expect(index.children).not.toContain(digest);
  });

  it("answers the ping as a registry", async () => {
    await expect(pingOci(access(registry.url))).resolves.toBeUndefined();
  });
});

describe("a real docker-registry behind token auth (WWW-Authenticate: Bearer)", () => {
  let tokens: TokenServer;
  let registry: TestRegistry;
  let digest: string;

  beforeAll(async () => {
    tokens = await startTokenServer({ username: "robot$shop+ci", password: "s3cret" });
    registry = await startRegistry({ tokenAuth: tokens });
    const push = {
      url: registry.url,
      authorization: (repo: string) => `Bearer ${tokens.token([`repository:${repo}:pull,push`])}`,
    };
    digest = (await pushImage(push, "shop/api", ["1.0.0", "1.0.1"], "api")).digest;
  });
  afterAll(async () => {
    await registry.stop();
    await tokens.stop();
  });

  const robot = () =>
    access(registry.url, { id: "token-registry", username: "robot$shop+ci", secret: "s3cret", tokenUrl: tokens.url });

  it("asks the realm for a token with the credentials and reuses it for the same scope", async () => {
    const before = tokens.issued();
    expect((await listOciTags(robot(), "shop/api")).sort()).toEqual(["1.0.0", "1.0.1"]);
    expect(await ociManifestDigest(robot(), "shop/api", "1.0.1")).toBe(digest);
    expect(await ociManifestDigest(robot(), "shop/api", "1.0.0")).toBe(digest);
    expect(tokens.issued() - before).toBe(1);
  });

  it("says 401 when the token service refuses the credentials", async () => {
    const wrong = access(registry.url, {
      id: "wrong",
      username: "robot$shop+ci",
      secret: "nope",
      tokenUrl: tokens.url,
    });
    await expect(listOciTags(wrong, "shop/api")).rejects.toMatchObject({
      code: "unavailable",
      messageKey: "integrations.error.unauthorized",
    });
  });

  it("does not follow a challenge to a token service that is not configured for the registry", async () => {
    const unconfigured = access(registry.url, { id: "no-token-url", username: "robot$shop+ci", secret: "s3cret" });
    await expect(listOciTags(unconfigured, "shop/api")).rejects.toMatchObject({
      messageKey: "integrations.error.notAllowed",
      values: { host: new URL(tokens.url).host },
    });
  });
});

// distribution v3 pages tags/list with `Link: </v2/<name>/tags/list?last=<tag>&n=<n>>;
// rel="next"`; no real v3 is installable here, so a loopback server replays that shape. It
// also leaves out Docker-Content-Digest, as older registries may.
describe("a registry that pages tags and omits the digest header", () => {
  let server: Server;
  let url: string;
  const all = Array.from({ length: 7 }, (_, i) => `v${i + 1}`);
  const manifest = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}');

  beforeAll(async () => {
    server = createServer((request, response) => {
      const target = new URL(request.url ?? "/", "http://x");
      if (target.pathname === "/v2/team/paged/tags/list") {
        const n = Number(target.searchParams.get("n") ?? 3);
        const last = target.searchParams.get("last");
        const start = last ? all.indexOf(last) + 1 : 0;
        const page = all.slice(start, start + Math.min(n, 3));
        const headers: Record<string, string> = { "Content-Type": "application/json" };
        if (start + page.length < all.length)
          headers.Link = `</v2/team/paged/tags/list?last=${page.at(-1)}&n=3>; rel="next"`;
        response.writeHead(200, headers).end(JSON.stringify({ name: "team/paged", tags: page }));
        return;
      }
      if (target.pathname === "/v2/team/paged/manifests/v1") {
        response.writeHead(200, { "Content-Type": "application/vnd.oci.image.manifest.v1+json" });
        response.end(request.method === "HEAD" ? undefined : manifest);
        return;
      }
      response.writeHead(404).end();
    });
    url = await listenOnLoopback(server);
  });
  afterAll(() => closeServer(server));

  it("follows Link to the last page", async () => {
    expect(await listOciTags(access(url), "team/paged")).toEqual(all);
  });

  it("computes the digest from the manifest bytes when HEAD does not name it", async () => {
    const { createHash } = await import("node:crypto");
    expect(await ociManifestDigest(access(url), "team/paged", "v1")).toBe(
      `sha256:${createHash("sha256").update(manifest).digest("hex")}`,
    );
  });
});
