import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/test/support/free-port";
import { closeServer, listenOnLoopback } from "@/test/support/loopback-server";
import { isAllowed, peerFetch, type Peer } from "./http";

let server: Server;
let url: string;
let hits: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? "");
    if (request.url === "/slow") return; // never answers
    if (request.url === "/big") return void response.end(Buffer.alloc(64 * 1024, "x"));
    if (request.url === "/secret")
      return void response.writeHead(500, { "Content-Type": "text/plain" }).end("db password is hunter2");
    if (request.url === "/redirect")
      return void response.writeHead(302, { Location: "http://127.0.0.1:1/elsewhere" }).end();
    response.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
  });
  url = await listenOnLoopback(server);
});
afterAll(() => closeServer(server));

const peer = (): Peer => ({ name: "harbor-test", urls: [`${url}/base`] });

describe("the integrations' HTTP client", () => {
  it("calls only URLs under the peer's configured base URLs", () => {
    const p = peer();
    expect(isAllowed(p, new URL(`${url}/base/api/v2.0/x`))).toBe(true);
    expect(isAllowed(p, new URL(`${url}/base`))).toBe(true);
    expect(isAllowed(p, new URL(`${url}/basement`))).toBe(false);
    expect(isAllowed(p, new URL(`${url}/other`))).toBe(false);
    expect(isAllowed(p, new URL(url.replace("127.0.0.1", "localhost") + "/base/x"))).toBe(false);
    expect(isAllowed(p, new URL(`${url.replace(/:\d+$/, ":1")}/base/x`))).toBe(false);
    expect(isAllowed(p, new URL(`${url.replace("http:", "https:")}/base/x`))).toBe(false);
    expect(isAllowed(p, new URL(`${url.replace("http://", "http://user:pw@")}/base/x`))).toBe(false);
  });

  it("refuses another host before any socket opens", async () => {
    hits = [];
    await expect(peerFetch(peer(), `${url}/elsewhere`)).rejects.toMatchObject({
      code: "unavailable",
      messageKey: "integrations.error.notAllowed",
    });
    expect(hits).toEqual([]);
  });

  it("gives up after its timeout and says how long it waited", async () => {
    const p: Peer = { name: "slow", urls: [url] };
    const started = Date.now();
    await expect(peerFetch(p, `${url}/slow`, { timeoutMs: 500 })).rejects.toMatchObject({
      messageKey: "integrations.error.timeout",
      values: { seconds: 0.5 },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reads at most maxBytes of an answer", async () => {
    await expect(peerFetch({ name: "big", urls: [url] }, `${url}/big`, { maxBytes: 1024 })).rejects.toMatchObject({
      messageKey: "integrations.error.tooLarge",
    });
  });

  it("never follows a redirect, so a peer cannot send it to another host", async () => {
    const response = await peerFetch({ name: "r", urls: [url] }, `${url}/redirect`);
    expect(response.status).toBe(302);
  });

  it("names unreachable peers and TLS failures without repeating anything the peer sent", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(peerFetch({ name: "gone", urls: [closed] }, `${closed}/v2/`)).rejects.toMatchObject({
      messageKey: "integrations.error.unreachable",
    });
    const { generate } = await import("selfsigned");
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }]);
    const tls = createHttpsServer({ key: pems.private, cert: pems.cert }, (_request, response) => response.end("{}"));
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    try {
      const tlsUrl = `https://127.0.0.1:${(tls.address() as { port: number }).port}`;
      await expect(peerFetch({ name: "self-signed", urls: [tlsUrl] }, `${tlsUrl}/v2/`)).rejects.toMatchObject({
        messageKey: "integrations.error.tls",
      });
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
    const answer = await peerFetch({ name: "leaky", urls: [url] }, `${url}/secret`);
    expect(answer.status).toBe(500);
    const { unexpectedStatus } = await import("./http");
    expect(unexpectedStatus({ name: "leaky", urls: [url] }, `${url}/secret`, answer.status).message).not.toContain(
      "hunter2",
    );
  });
});
