import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "@/lib/security/csp";
import { guardRequest } from "@/lib/security/request-guard";
import { grafanaFrameOrigins } from "@/lib/services/grafana/grafana-frame-origins";

// Frame origins the console may embed: the configured Grafanas (issue 16), read from a
// per-process summary. Without the database (it is starting), no frames rather than no page.
async function frameSources(): Promise<string[]> {
  try {
    return await grafanaFrameOrigins();
  } catch {
    return [];
  }
}

// The origins this server answers as: the one the request was sent to (Host, or the forwarded
// host a trusted proxy set: scripts/lib/trusted-proxies.mjs drops it from anyone else) and the
// configured public URL.
function ownOrigins(request: NextRequest): string[] {
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  const hosts = [request.headers.get("x-forwarded-host"), request.headers.get("host")].filter(Boolean);
  const configured = process.env.NEXTAUTH_URL ? [new URL(process.env.NEXTAUTH_URL).origin] : [];
  return [...hosts.map((host) => `${proto}://${host}`), request.nextUrl.origin, ...configured];
}

// Every request: refused when it is a forged or malformed state change (lib/security/
// request-guard.ts); otherwise answered with the security headers and a Content-Security-Policy
// carrying a fresh nonce, which Next.js also reads from the request to put on its scripts.
export async function proxy(request: NextRequest): Promise<Response> {
  const https = servedOverHttps(request.headers.get("x-forwarded-proto"), request.nextUrl.protocol);
  const refusal = await guardRequest(request, ownOrigins(request));
  if (refusal) {
    for (const [name, value] of Object.entries(securityHeaders(https))) refusal.headers.set(name, value);
    return refusal;
  }
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    https,
    frameSources: await frameSources(),
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(securityHeaders(https))) response.headers.set(name, value);
  return response;
}
