import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearLoginPages } from "../../lib/auth/login-page-cache";
import { startFront, type Front } from "./front";

// The front against a plain Node.js server in Next.js's place: what that server receives, and
// what a browser gets back.
type Received = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };
let upstream: Server;
let upstreamUrl: string;
let received: Received[] = [];
let streamClosed: Promise<void> = Promise.resolve();

beforeAll(async () => {
  upstream = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (request.url === "/events") {
        response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        response.write("event: cells\ndata: {}\n\n");
        streamClosed = new Promise((resolve) => response.on("close", () => resolve()));
        return; // held open until the browser leaves
      }
      if (request.url?.startsWith("/login")) {
        const nonce = `nonce${received.length}`;
        response.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
          "x-frame-options": "DENY",
          "set-cookie": request.headers.cookie?.includes("session") ? "x=1" : [],
        });
        response.end(`<html><script nonce="${nonce}">go()</script>${request.headers.cookie ?? ""}</html>`);
        return;
      }
      response.writeHead(201, {
        "content-type": "application/json",
        "set-cookie": ["a=1; Path=/", "b=2; Path=/"],
        connection: "close, x-secret-hop",
        "x-secret-hop": "dropped",
        "x-kept": "yes",
      });
      response.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

let front: Front | undefined;
beforeEach(() => {
  received = [];
  clearLoginPages();
});
afterEach(async () => {
  await front?.close();
  front = undefined;
});

async function open(
  options: { trustedProxies?: string; keepLoginPages?: boolean; upstream?: string; staticDir?: string } = {},
) {
  front = await startFront({
    port: 0,
    hostname: "127.0.0.1",
    upstream: options.upstream ?? upstreamUrl,
    trustedProxies: options.trustedProxies,
    keepLoginPages: options.keepLoginPages ?? true,
    staticDir: options.staticDir,
  });
  return `http://127.0.0.1:${front.port}`;
}

// A raw request, to send and read headers exactly (fetch would add and fold some), and its path
// as written (a URL would resolve `..`).
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingMessage["headers"]; raw: string[]; body: Buffer }> {
  const { hostname, port } = new URL(url);
  const path = url.slice(url.indexOf("/", "http://".length));
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { hostname, port, path, method: options.method ?? "GET", headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            raw: response.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

describe("the front passes requests to Next.js", () => {
  it("as they were sent: method, path, Host and body in; status, every cookie and the headers back, hop-by-hop ones dropped", async () => {
    const base = await open();
    const answer = await send(`${base}/api/apps?x=1`, {
      method: "POST",
      headers: { host: "console.example:8443", "content-type": "application/json", connection: "keep-alive" },
      body: JSON.stringify({ name: "web" }),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(answer.headers["x-kept"]).toBe("yes");
    expect(answer.headers["x-secret-hop"]).toBeUndefined();
    expect(JSON.parse(answer.body.toString())).toEqual({ ok: true });
    const [seen] = received;
    expect(seen).toMatchObject({ method: "POST", url: "/api/apps?x=1", body: '{"name":"web"}' });
    expect(seen!.headers.host).toBe("console.example:8443");
  });

  it("says who the client is: the peer, unless a trusted proxy forwarded the request", async () => {
    const forged = {
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-real-ip": "203.0.113.10",
    };
    let base = await open();
    await send(`${base}/apps`, { headers: forged });
    expect(received[0]!.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(received[0]!.headers["x-forwarded-host"]).toBeUndefined();
    expect(received[0]!.headers["x-forwarded-proto"]).toBeUndefined();
    expect(received[0]!.headers["x-real-ip"]).toBeUndefined();
    await front!.close();

    base = await open({ trustedProxies: "127.0.0.1" });
    await send(`${base}/apps`, { headers: forged });
    expect(received[1]!.headers["x-forwarded-for"]).toBe("203.0.113.9");
    expect(received[1]!.headers["x-forwarded-host"]).toBe("evil.example");
  });

  it("streams Server-Sent Events as they come, and closes Next.js's stream when the browser leaves", async () => {
    const base = await open();
    const controller = new AbortController();
    const response = await fetch(`${base}/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    // The first event arrives while Next.js still holds the stream open.
    expect(new TextDecoder().decode(value)).toContain("event: cells");
    controller.abort();
    await expect(
      Promise.race([
        streamClosed,
        new Promise((_, reject) => setTimeout(() => reject(new Error("still open")), 5_000)),
      ]),
    ).resolves.toBeUndefined();
  });

  it("answers 502 with Retry-After when Next.js is not there", async () => {
    const base = await open({ upstream: "http://127.0.0.1:1" });
    const answer = await send(`${base}/apps`);
    expect(answer.status).toBe(502);
    expect(answer.headers["retry-after"]).toBe("1");
    expect(answer.body.toString()).toMatch(/not answering/);
  });
});

describe("the sign-in page from the front", () => {
  it("is rendered by Next.js once, then answered by the front with a fresh nonce in the page and its policy", async () => {
    const base = await open();
    const first = await send(`${base}/login`, { headers: { "accept-language": "zh-CN" } });
    const second = await send(`${base}/login`, { headers: { "accept-language": "zh-CN", "accept-encoding": "gzip" } });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.cookie).toBe("slipway-locale=zh-CN");
    expect(first.headers["server-timing"]).toMatch(/login-page;desc="rendered".*front/);
    expect(second.headers["server-timing"]).toMatch(/login-page;desc="kept".*front/);
    expect(second.headers["x-frame-options"]).toBe("DENY");
    expect(second.headers["content-encoding"]).toBe("gzip");
    const nonceOf = (answer: { headers: IncomingMessage["headers"] }) =>
      /'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"]))?.[1];
    const html = gunzipSync(second.body).toString();
    expect(nonceOf(second)).not.toBe(nonceOf(first));
    expect(html).toContain(`<script nonce="${nonceOf(second)}">`);
    expect(first.body.toString()).toContain(`<script nonce="${nonceOf(first)}">`);
  });

  it("leaves a signed-in browser's /login, and every /login when told not to keep it, to Next.js", async () => {
    let base = await open();
    const signedIn = await send(`${base}/login`, { headers: { cookie: "next-auth.session-token=abc" } });
    expect(signedIn.headers["server-timing"]).toBeUndefined();
    expect(received[0]!.headers.cookie).toBe("next-auth.session-token=abc");
    await front!.close();

    base = await open({ keepLoginPages: false });
    const plain = [await send(`${base}/login`), await send(`${base}/login`)];
    expect(plain.map((answer) => answer.headers["server-timing"])).toEqual([undefined, undefined]);
    expect(received).toHaveLength(3);
  });

  it("leaves the router's refresh of the page and a script's fetch of it to Next.js, even with a copy kept", async () => {
    // A refresh answered with the copy's HTML would make Next.js's router reload the whole page
    // (which lost what a person had typed: found by the zh-CN walk).
    const base = await open();
    await send(`${base}/login`);
    expect(received).toHaveLength(1);
    const refresh = await send(`${base}/login?_rsc=1abc`, { headers: { rsc: "1", "sec-fetch-dest": "empty" } });
    const fetched = await send(`${base}/login`, { headers: { "sec-fetch-dest": "empty" } });
    expect([refresh, fetched].map((answer) => answer.headers["server-timing"])).toEqual([undefined, undefined]);
    expect(received.slice(1).map((r) => [r.url, r.headers.rsc])).toEqual([
      ["/login?_rsc=1abc", "1"],
      ["/login", undefined],
    ]);
    // A browser's document load still gets the copy.
    const loaded = await send(`${base}/login`, { headers: { "sec-fetch-dest": "document" } });
    expect(loaded.headers["server-timing"]).toMatch(/desc="kept"/);
  });
});

describe("the build's static files from the front", () => {
  const scratch = mkdtempSync(join(tmpdir(), "slipway-front-"));
  const staticDir = join(scratch, "static");
  const script = `console.log("the console's script");\n`.repeat(200);
  const font = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));
  beforeAll(() => {
    mkdirSync(join(staticDir, "chunks"), { recursive: true });
    mkdirSync(join(staticDir, "media"), { recursive: true });
    writeFileSync(join(staticDir, "chunks", "app-1a2b.js"), script);
    writeFileSync(join(staticDir, "media", "inter-3c4d.woff2"), font);
    writeFileSync(join(scratch, "secret.js"), "the build's neighbour");
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("answers a script without Next.js: gzipped, immutable, with the security headers; HEAD and a known ETag", async () => {
    const base = await open({ staticDir });
    const answer = await send(`${base}/_next/static/chunks/app-1a2b.js?dpl=1`, {
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(answer.status).toBe(200);
    expect(gunzipSync(answer.body).toString()).toBe(script);
    expect(answer.headers).toMatchObject({
      "content-type": "application/javascript; charset=UTF-8",
      "content-encoding": "gzip",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      vary: "Accept-Encoding",
      "server-timing": "front",
    });
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(script.length / 10);

    const plain = await send(`${base}/_next/static/chunks/app-1a2b.js`);
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const head = await send(`${base}/_next/static/chunks/app-1a2b.js`, { method: "HEAD" });
    expect([head.status, head.body.length, head.headers["content-length"]]).toEqual([200, 0, String(script.length)]);
    const again = await send(`${base}/_next/static/chunks/app-1a2b.js`, {
      headers: { "if-none-match": `W/${plain.headers.etag}` },
    });
    expect([again.status, again.body.length]).toEqual([304, 0]);
    const fontAnswer = await send(`${base}/_next/static/media/inter-3c4d.woff2`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(fontAnswer.headers["content-type"]).toBe("font/woff2");
    expect(fontAnswer.headers["content-encoding"]).toBeUndefined();
    expect(fontAnswer.body.equals(font)).toBe(true);
    expect(received).toEqual([]);
  });

  it("adds HSTS when a trusted proxy says the browser came over https, and not on anyone else's word", async () => {
    let base = await open({ staticDir });
    const forged = await send(`${base}/_next/static/chunks/app-1a2b.js`, { headers: { "x-forwarded-proto": "https" } });
    expect(forged.headers["strict-transport-security"]).toBeUndefined();
    await front!.close();
    base = await open({ staticDir, trustedProxies: "127.0.0.1" });
    const proxied = await send(`${base}/_next/static/chunks/app-1a2b.js`, {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(proxied.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
  });

  it("leaves to Next.js what is not a file of the build: missing, a directory, a path out of it, a range", async () => {
    const base = await open({ staticDir });
    const paths = [
      "/_next/static/chunks/missing.js",
      "/_next/static/chunks",
      "/_next/static/../secret.js",
      "/_next/static/%2e%2e/secret.js",
      "/_next/static/chunks/..%2F..%2Fsecret.js",
      "/_next/static/chunks\\..\\..\\secret.js",
    ];
    for (const path of paths) {
      const answer = await send(`${base}${path}`);
      expect(answer.status, path).toBe(201);
      expect(answer.body.toString(), path).not.toContain("neighbour");
    }
    await send(`${base}/_next/static/chunks/app-1a2b.js`, { headers: { range: "bytes=0-9" } });
    expect(received.map((r) => r.url)).toEqual([...paths, "/_next/static/chunks/app-1a2b.js"]);
    await front!.close();

    // Without a build directory, every static file is Next.js's.
    const without = await open();
    expect((await send(`${without}/_next/static/chunks/app-1a2b.js`)).status).toBe(201);
  });
});
