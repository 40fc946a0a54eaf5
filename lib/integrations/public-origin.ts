import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

// The console's URL as Harbor and Jenkins reach it, for the webhook URLs the page shows:
// NEXTAUTH_URL when set, else the host the request came to.
export async function publicOrigin(): Promise<string> {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}
