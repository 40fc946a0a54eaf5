import "server-only";
import { env } from "@/lib/env";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./session-cookie-name";

// next-auth's session cookie: its name (the __Secure- prefix on https) and the options next-auth
// sets it with, for the places that read or write it without next-auth's handler.
export function sessionCookie(): { name: string; secure: boolean } {
  const secure = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  return { name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, secure };
}
