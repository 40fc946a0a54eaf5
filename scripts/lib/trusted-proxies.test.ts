import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, install, normalizeRequestHeaders, parseTrustedProxies } from "./trusted-proxies.mjs";

describe("client addresses", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8, 192.168.1.5 ::1");

  it("take the socket's peer and nothing a client claims, unless the peer is a trusted proxy", () => {
    const claimed = { "x-forwarded-for": "6.6.6.6", "x-request-id": "forged", "x-forwarded-host": "evil.test" };
    const direct: IncomingHttpHeaders = { ...claimed, "x-real-ip": "7.7.7.7" };
    normalizeRequestHeaders(direct, "::ffff:203.0.113.9", trusted);
    expect(direct).toEqual({ "x-forwarded-for": "203.0.113.9" });

    const proxied: IncomingHttpHeaders = { ...claimed, "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.1.2.3" };
    normalizeRequestHeaders(proxied, "192.168.1.5", trusted);
    expect(proxied).toEqual({
      "x-forwarded-for": "198.51.100.4",
      "x-request-id": "forged",
      "x-forwarded-host": "evil.test",
    });
  });

  it("walk back only through trusted hops, and stop at anything unreadable", () => {
    expect(clientAddress("10.0.0.1", "1.1.1.1, 10.0.0.2", trusted)).toBe("1.1.1.1");
    expect(clientAddress("10.0.0.1", "", trusted)).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.1", "not-an-ip", trusted)).toBe("10.0.0.1");
    expect(clientAddress("203.0.113.1", "1.1.1.1", trusted)).toBe("203.0.113.1");
    expect(() => parseTrustedProxies("10.0.0.0/8, nonsense")).toThrow(/SLIPWAY_TRUSTED_PROXIES/);
  });

  it("are rewritten in every server the process creates, before its own listener runs", async () => {
    install("");
    const { createServer } = await import("node:http");
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push({ ...request.headers });
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve, reject) =>
      httpRequest(
        { port, host: "127.0.0.1", headers: { "x-forwarded-for": "6.6.6.6", "x-request-id": "forged" } },
        (response) => response.resume().on("end", resolve),
      )
        .on("error", reject)
        .end(),
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(seen[0]?.["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen[0]?.["x-request-id"]).toBeUndefined();
  });
});
