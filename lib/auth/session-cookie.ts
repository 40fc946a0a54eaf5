import "server-only";
import { env } from "@/lib/env";

// next-auth's session cookie: its name (the __Secure- prefix on https) and the options next-auth
// sets it with, for the places that read or write it without next-auth's handler.
export function sessionCookie(): { name: string; secure: boolean } {
  const secure = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, secure };
}
