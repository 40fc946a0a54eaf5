import { describe, expect, it } from "vitest";
import { guardRequest, MAX_BODY_BYTES } from "./request-guard";

const own = ["http://slipway.test"];

function post(path: string, headers: Record<string, string>, body = "{}") {
  return guardRequest(new Request(`http://slipway.test${path}`, { method: "POST", headers, body }), own);
}

async function status(response: Promise<Response | null>): Promise<number | null> {
  return (await response)?.status ?? null;
}

describe("guardRequest", () => {
  it("refuses a state change that another origin's page sent, on any path", async () => {
    const json = { "content-type": "application/json" };
    expect(await status(post("/api/releases", { ...json, origin: "http://evil.slipway.test" }))).toBe(403);
    expect(await status(post("/api/releases", { ...json, origin: "null" }))).toBe(403);
    expect(await status(post("/api/releases", { ...json, "sec-fetch-site": "same-site" }))).toBe(403);
    expect(
      await status(post("/apps", { "next-action": "x", origin: "http://evil.test", "content-type": "text/plain" })),
    ).toBe(403);
    expect(await status(post("/api/auth/signout", { origin: "http://evil.test" }))).toBe(403);
    expect(await status(post("/api/releases", { ...json, origin: "http://slipway.test" }))).toBeNull();
    expect(await status(post("/api/releases", { ...json, "sec-fetch-site": "same-origin" }))).toBeNull();
    // No browser names no origin: a script, which carries nobody's session by accident.
    expect(await status(post("/api/releases", json))).toBeNull();
  });

  it("lets machine callers through by design: webhooks and bearer tokens without cookies", async () => {
    expect(await status(post("/api/webhooks/harbor", { origin: "http://harbor.test" }))).toBeNull();
    expect(await status(post("/api/releases", { authorization: "Bearer t", origin: "http://ci.test" }))).toBeNull();
    expect(
      await status(post("/api/releases", { authorization: "Bearer t", cookie: "a=b", origin: "http://evil.test" })),
    ).toBe(403);
  });

  it("takes only JSON on routes, and JSON or multipart in server actions", async () => {
    expect(await status(post("/api/releases", { "content-type": "text/plain" }))).toBe(415);
    expect(await status(post("/api/releases", { "content-type": "application/x-www-form-urlencoded" }))).toBe(415);
    expect(await status(post("/apps", { "next-action": "x", "content-type": "text/plain" }, "{nope"))).toBe(400);
    expect(await status(post("/apps", { "next-action": "x", "content-type": "application/json" }))).toBe(415);
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    expect(await status(post("/apps", { "next-action": "x", "content-type": "text/plain" }, deep))).toBe(400);
    expect(await status(post("/apps", { "next-action": "x", "content-type": "text/plain" }, '[{"a":1}]'))).toBeNull();
    const form = { "next-action": "x", "content-type": "multipart/form-data; boundary=abc" };
    expect(await status(post("/apps", form, '[{"name":"x"}]'))).toBe(400);
    const data = new FormData();
    data.set("1_name", "shop");
    const multipart = new Request("http://slipway.test/apps", {
      method: "POST",
      headers: { "next-action": "x" },
      body: data,
    });
    expect(await guardRequest(multipart, own)).toBeNull();
    const big = JSON.stringify(["x".repeat(MAX_BODY_BYTES)]);
    expect(await status(post("/apps", { "next-action": "x", "content-type": "text/plain" }, big))).toBe(413);
    const response = await post("/api/releases", { "content-type": "text/plain" });
    expect(await response?.json()).toMatchObject({ error: { code: "unsupported_media_type", field: "body" } });
  });

  it("leaves reads alone", async () => {
    const read = new Request("http://slipway.test/api/audit/export", { headers: { origin: "http://evil.test" } });
    expect(await guardRequest(read, own)).toBeNull();
  });
});
