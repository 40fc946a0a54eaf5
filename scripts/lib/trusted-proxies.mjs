// Installed in the Next.js server process before it starts (trusted-proxies-preload.mjs, through
// `node --import`, see next-process.ts): the one place that knows the address a request really
// came from. Next.js keeps any X-Forwarded-For a
// client sends and drops the socket's address in that case, so without this any client could
// name any address in the audit history and dodge the per-address sign-in limit.
//
// Each request's headers are rewritten before Next.js sees them:
// - X-Forwarded-For becomes the one client address: the socket's peer, or, when the peer is a
//   proxy listed in SLIPWAY_TRUSTED_PROXIES, the nearest address in its X-Forwarded-For chain
//   that is not itself a trusted proxy;
// - X-Request-Id, X-Forwarded-Host/-Proto/-Port and Forwarded are kept only from trusted proxies
//   (a request id only when it is a plain token);
// - X-Real-IP is dropped.
// SLIPWAY_TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces
// ("10.0.0.0/8, 192.168.1.5"); unset, no proxy is trusted.
import http from "node:http";
import https from "node:https";
import { syncBuiltinESMExports } from "node:module";
import { BlockList, isIP } from "node:net";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROXY_ONLY = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-request-id"];

/** "::ffff:10.0.0.1" is 10.0.0.1; brackets and zone ids go. Anything else unparseable is null. */
export function normalizeAddress(address) {
  if (typeof address !== "string") return null;
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const plain = mapped ? mapped[1] : bare;
  return isIP(plain) ? plain : null;
}

/** A test for "is this a trusted proxy?" from the SLIPWAY_TRUSTED_PROXIES text. */
export function parseTrustedProxies(text) {
  const list = new BlockList();
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const normalized = normalizeAddress(address);
    const family = normalized && isIP(normalized) === 6 ? "ipv6" : "ipv4";
    if (!normalized || (bits !== undefined && !/^\d{1,3}$/.test(bits)))
      throw new Error(`SLIPWAY_TRUSTED_PROXIES: "${entry}" is not an address or CIDR range`);
    if (bits === undefined) list.addAddress(normalized, family);
    else list.addSubnet(normalized, Number(bits), family);
  }
  return (address) => {
    const normalized = normalizeAddress(address);
    return normalized !== null && list.check(normalized, isIP(normalized) === 6 ? "ipv6" : "ipv4");
  };
}

/** The client's address: from the peer back through the chain while the hops are trusted proxies. */
export function clientAddress(peer, forwardedFor, trusted) {
  const chain = (forwardedFor ?? "").split(",").map(normalizeAddress);
  let client = normalizeAddress(peer);
  while (client !== null && trusted(client) && chain.length > 0) {
    const previous = chain.pop();
    if (previous === null) break;
    client = previous;
  }
  return client;
}

/** Rewrites one request's headers as described above. */
export function normalizeRequestHeaders(headers, peer, trusted) {
  const fromProxy = trusted(peer);
  const forwardedFor = Array.isArray(headers["x-forwarded-for"])
    ? headers["x-forwarded-for"].join(",")
    : headers["x-forwarded-for"];
  const client = fromProxy ? clientAddress(peer, forwardedFor, trusted) : normalizeAddress(peer);
  delete headers["x-real-ip"];
  if (client) headers["x-forwarded-for"] = client;
  else delete headers["x-forwarded-for"];
  if (!fromProxy) for (const name of PROXY_ONLY) delete headers[name];
  else if (headers["x-request-id"] !== undefined && !REQUEST_ID.test(String(headers["x-request-id"])))
    delete headers["x-request-id"];
}

/** Makes every HTTP(S) server this process creates rewrite its requests' headers first. */
export function install(text = process.env.SLIPWAY_TRUSTED_PROXIES) {
  const trusted = parseTrustedProxies(text);
  for (const library of [http, https]) {
    const create = library.createServer;
    library.createServer = function createServer(...args) {
      const server = create.apply(this, args);
      server.prependListener("request", (request) =>
        normalizeRequestHeaders(request.headers, request.socket.remoteAddress, trusted),
      );
      return server;
    };
  }
  // `import { createServer } from "node:http"` sees the wrapper too, not only require("http").
  syncBuiltinESMExports();
  // lib/request-context.ts believes X-Forwarded-For only in a process where this ran.
  globalThis.__slipwayClientAddresses = true;
}
