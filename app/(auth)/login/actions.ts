"use server";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LOGIN_ERRORS } from "@/lib/auth/options";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { getRequestContext } from "@/lib/request-context";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { ZSignInSchema } from "@/lib/validations/auth";

export type PasswordSignInState = { error: string | null };

// Where to go after signing in: a path on this site only.
function landing(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/apps";
}

// Password sign-in as a form action: with JavaScript it runs like any server action; without
// it (or before the page has hydrated) the browser posts the form to the page and this runs
// all the same. The password travels in a POST body only, never in a URL. The session cookie is
// the one next-auth writes (same claims as its jwt callback), so next-auth reads and renews it.
export async function passwordSignInAction(
  _previous: PasswordSignInState,
  form: FormData,
): Promise<PasswordSignInState> {
  // Anything but the form (a script posting JSON) is a form without its fields, not a 500.
  if (!(form instanceof FormData)) return { error: LOGIN_ERRORS.required };
  const parsed = ZSignInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: LOGIN_ERRORS.required };
  const result = await signInWithPassword(parsed.data, await getRequestContext());
  if (!result.ok)
    return {
      error:
        result.reason === "rate_limited" ? `${LOGIN_ERRORS.rateLimited}:${result.retryAfterSeconds}` : result.reason,
    };
  const maxAge = env.SESSION_MAX_AGE_HOURS * 3600;
  const { user } = result;
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, uid: user.id, sv: user.sessionVersion },
    secret: env.NEXTAUTH_SECRET,
    maxAge,
  });
  const { name, secure } = sessionCookie();
  (await cookies()).set(name, token, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge });
  redirect(landing(form.get("callbackUrl")));
}
