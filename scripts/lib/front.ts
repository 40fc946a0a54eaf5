// The front of `npm start` (and of the end-to-end tests and benchmarks, which serve as it does):
// a small HTTP server in the supervisor process that passes every request to `next start` on a
// loopback port, and answers a signed-out browser's sign-in page and the build's static files
// (./static-files.ts) itself.
//
// Why a second process: Next.js answers from one event loop, and while five people page through
// the app list each answer waits for the loop to come round, a static file as much as a page
// (bench/scale measured 40-245 ms). The sign-in page is the one page people must get at once,
// whatever the load; answered from this process it waits for nothing Next.js does, and nor do
// the style sheet, scripts and fonts it needs.
//
// What it does to a request on its way through:
// - the client-address rules of trusted-proxies.mjs, with the operator's SLIPWAY_TRUSTED_PROXIES:
//   X-Forwarded-For becomes the one client address, the proxy-only headers go unless a trusted
//   proxy sent them. Next.js trusts this process (loopback) and so keeps what it says.
// - hop-by-hop headers go (RFC 9110 §7.6.1); Host is kept, so Next.js sees the address the
//   browser used (origin checks, redirects, next-auth).
// - bodies stream both ways as they come (server actions in, Server-Sent Events out); a browser
//   that goes away closes the request to Next.js, which ends its stream.
// - Next.js not answering (starting, restarting): 502 with Retry-After, never a hung request.
import { randomBytes } from "node:crypto";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { headersWithNonce, loginPage, loginPageRequestOf, withNonce } from "../../lib/auth/login-page-cache";
import { securityHeaders, servedOverHttps } from "../../lib/security/csp";
import { STATIC_PREFIX, staticFiles, type StaticFiles } from "./static-files";
import { normalizeRequestHeaders, parseTrustedProxies } from "./trusted-proxies.mjs";

const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
];

export type FrontOptions = {
  port: number;
  // Unset: every interface, as `next start` listens.
  hostname?: string;
  // Where Next.js listens: http://127.0.0.1:<port>.
  upstream: string;
  // The operator's SLIPWAY_TRUSTED_PROXIES.
  trustedProxies?: string;
  // False: every sign-in page is passed to Next.js (SLIPWAY_LOGIN_PAGE_CACHE=off).
  keepLoginPages: boolean;
  // The build's .next/static, answered here; unset: passed to Next.js.
  staticDir?: string;
};

// Static files are scripts, style sheets and fonts, never documents: nothing in them may load or
// frame anything.
const STATIC_POLICY = "default-src 'none'; frame-ancestors 'none'";
const IMMUTABLE = "public, max-age=31536000, immutable";

export type Front = { port: number; close: () => Promise<void> };

// The header names a message lists in Connection are hop-by-hop too.
function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = String(headers.connection ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const copy = { ...headers };
  for (const name of [...HOP_BY_HOP, ...named]) delete copy[name];
  return copy;
}

function acceptsGzip(request: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
}

export async function startFront(options: FrontOptions): Promise<Front> {
  const trusted = parseTrustedProxies(options.trustedProxies);
  const upstream = new URL(options.upstream);
  const statics = options.staticDir ? staticFiles(options.staticDir) : null;

  function forward(request: IncomingMessage, response: ServerResponse) {
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: withoutHopByHop(request.headers),
        setHost: false,
        // A fresh loopback connection each time: no kept connection that Next.js closes at the
        // instant this process reuses it.
        agent: false,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.headers));
        // Server-Sent Events: the browser learns at once that its stream is open.
        if (String(answer.headers["content-type"] ?? "").startsWith("text/event-stream")) response.flushHeaders();
        answer.pipe(response);
        answer.on("error", () => response.destroy());
      },
    );
    outgoing.on("error", () => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(502, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
      response.end("Slipway's server is not answering (starting or restarting): try again in a moment.\n");
    });
    response.on("close", () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    request.pipe(outgoing);
  }

  async function answerSignIn(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const asked = loginPageRequestOf(request);
    if (!asked) return false;
    const started = performance.now();
    const page = await loginPage(asked, upstream.origin);
    if (!page) return false;
    const nonce = randomBytes(16).toString("base64");
    const html = Buffer.from(withNonce(page, nonce));
    const gzip = acceptsGzip(request);
    const body = gzip ? gzipSync(html) : html;
    const headers = headersWithNonce(page, nonce).flat();
    if (gzip) headers.push("content-encoding", "gzip");
    headers.push(
      "content-length",
      String(body.length),
      "server-timing",
      `login-page;desc="${page.fresh ? "rendered" : "kept"}";dur=${(performance.now() - started).toFixed(1)}, front`,
    );
    response.writeHead(200, headers);
    response.end(body);
    return true;
  }

  async function answerStatic(
    files: StaticFiles,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<boolean> {
    // Ranges (never asked for scripts and styles) are Next.js's.
    if ((request.method !== "GET" && request.method !== "HEAD") || request.headers.range) return false;
    const file = await files.find(request.url ?? "");
    if (!file) return false;
    const headers: Record<string, string> = {
      ...securityHeaders(servedOverHttps(String(request.headers["x-forwarded-proto"] ?? ""))),
      "content-security-policy": STATIC_POLICY,
      "cache-control": IMMUTABLE,
      "content-type": file.type,
      etag: file.etag,
      "server-timing": "front",
    };
    if (file.gzip) headers.vary = "Accept-Encoding";
    const matches = String(request.headers["if-none-match"] ?? "")
      .split(",")
      .some((tag) => tag.trim().replace(/^W\//, "") === file.etag);
    if (matches) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    const gzip = file.gzip !== null && acceptsGzip(request);
    const body = gzip ? file.gzip! : file.body;
    if (gzip) headers["content-encoding"] = "gzip";
    headers["content-length"] = String(body.length);
    response.writeHead(200, headers);
    response.end(request.method === "HEAD" ? undefined : body);
    return true;
  }

  const server = http.createServer(
    // No limit on a request's whole time: Server-Sent Events streams stay open for as long as
    // a release page is.
    { requestTimeout: 0, headersTimeout: 60_000 },
    (request, response) => {
      normalizeRequestHeaders(request.headers, request.socket.remoteAddress, trusted);
      // What the front may answer itself; anything it does not (or cannot) goes to Next.js.
      const answer =
        statics && request.url?.startsWith(STATIC_PREFIX)
          ? answerStatic(statics, request, response)
          : options.keepLoginPages
            ? answerSignIn(request, response)
            : null;
      if (!answer) return forward(request, response);
      answer.then(
        (answered) => answered || forward(request, response),
        () => forward(request, response),
      );
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
