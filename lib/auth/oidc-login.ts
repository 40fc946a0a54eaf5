import "server-only";
import { env, oidcEnabled } from "@/lib/env";

// What the login page needs to know about SSO; nothing secret.
export function getOidcLogin(): { providerId: string; name: string } | null {
  return oidcEnabled() ? { providerId: "oidc", name: env.OIDC_DISPLAY_NAME } : null;
}
