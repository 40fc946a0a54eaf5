import "server-only";
import { env } from "@/lib/env";

// Links in messages point at the console's public address (NEXTAUTH_URL).
export function alertUrl(alertId: string): string {
  const base = (env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`).replace(/\/+$/, "");
  return `${base}/alerts/${alertId}`;
}
