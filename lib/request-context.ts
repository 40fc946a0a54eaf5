import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";

export type RequestContext = { requestId: string; ip: string | null };

// Request id and client address for the audit row. Behind a proxy the first X-Forwarded-For
// hop is the client; X-Request-Id is kept when the ingress sets one.
export async function getRequestContext(): Promise<RequestContext> {
  const h = await headers();
  return fromHeaders(h);
}

export function fromHeaders(h: { get(name: string): string | null }): RequestContext {
  const requestId = h.get("x-request-id")?.slice(0, 128) || randomUUID();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || h.get("x-real-ip") || null;
  return { requestId, ip };
}
