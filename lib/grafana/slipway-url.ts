import "server-only";
import { env } from "@/lib/env";

// Slipway's own public address (README: NEXTAUTH_URL, default http://localhost:$PORT): what
// Grafana must let frame it, and where a release marker links back to.
export function slipwayUrl(): string {
  return env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function hostKey(url: URL): string {
  const host = url.hostname.toLowerCase();
  return `${url.protocol}//${LOOPBACK.has(host) ? "loopback" : host}:${url.port || (url.protocol === "https:" ? 443 : 80)}`;
}

// A "Grafana" URL that is Slipway's own origin would embed Slipway in itself.
export function isSlipwayItself(url: string): boolean {
  return hostKey(new URL(url)) === hostKey(new URL(slipwayUrl()));
}
