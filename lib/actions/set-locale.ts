"use server";
import { cookies } from "next/headers";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { getRequestContext } from "@/lib/request-context";
import { saveProfileSetting } from "@/lib/services/profile/save-profile-setting";
import { ZSetLocaleSchema } from "@/lib/validations/profile";

// Works signed out too (the login page has the switcher): the cookie carries the choice until
// sign-in; a signed-in user's choice is saved on their account.
export async function setLocaleAction(raw: { locale: string }): Promise<{ ok: boolean }> {
  const parsed = ZSetLocaleSchema.safeParse(raw);
  if (!parsed.success) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: 365 * 24 * 3600,
    sameSite: "lax",
    httpOnly: false,
    // Over https only when served over https, as next-auth's session cookie.
    secure: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
  });
  const user = await getCurrentUser();
  if (user)
    await saveProfileSetting(
      user,
      { name: "locale", value: parsed.data.locale, action: "user.set_locale" },
      await getRequestContext(),
    );
  return { ok: true };
}
