import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";

export type RequestContext = { requestId: string; ip: string | null };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Request id and client address for the audit row and the sign-in limits. The server process
// rewrites X-Forwarded-For to the client's address (scripts/lib/trusted-proxies.mjs: the socket's
// peer, or what a proxy in SLIPWAY_TRUSTED_PROXIES forwarded) and keeps X-Request-Id only from
// such a proxy. In a process started without that, no forwarded header is believed.
export async function getRequestContext(): Promise<RequestContext> {
  const h = await headers();
  return fromHeaders(h);
}

export function fromHeaders(h: { get(name: string): string | null }): RequestContext {
  const rewritten = (globalThis as { __slipwayClientAddresses?: boolean }).__slipwayClientAddresses === true;
  const requestId = h.get("x-request-id");
  return {
    requestId: rewritten && requestId && REQUEST_ID.test(requestId) ? requestId : randomUUID(),
    ip: (rewritten && h.get("x-forwarded-for")?.trim()) || null,
  };
}
