"use client";
import { signIn } from "next-auth/react";
import { useActionState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Msg } from "@/components/i18n/message-text";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import type { Translate } from "@/lib/i18n/locales";

// Turns the code the server passed back (see lib/auth/options.ts) into a message.
function describeError(t: Translate, code: string): string {
  const [kind, seconds] = code.split(":");
  switch (kind) {
    case "invalid":
    case "CredentialsSignin":
      return t("login.error.invalid");
    case "rate_limited":
      return t("login.error.rateLimited", { seconds: Number(seconds) || 30 });
    case "disabled":
      return t("login.error.disabled");
    case "required":
      return t("login.error.required");
    case "sso":
    case "OAuthSignin":
    case "OAuthCallback":
    case "AccessDenied":
      return t("login.error.sso");
    case "SessionRequired":
      return t("login.sessionExpired");
    default:
      return t("login.error.generic");
  }
}

type SignIn = (previous: { error: string | null }, form: FormData) => Promise<{ error: string | null }>;

// A plain form posted to a server action: it signs in whether or not the page's JavaScript has
// run yet, and the password goes in the request body, never into a URL.
export function LoginForm({
  oidc,
  callbackUrl,
  initialError,
  action,
}: {
  oidc: { providerId: string; name: string } | null;
  callbackUrl: string;
  initialError: string | null;
  action: SignIn;
}) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, { error: initialError });
  return (
    <div className="space-y-4">
      {state.error ? (
        <Notice tone="error" testId="login-error">
          {describeError(t, state.error)}
        </Notice>
      ) : null}
      <form action={formAction} noValidate className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field label={t("login.email")} htmlFor="email">
          <Input id="email" name="email" type="email" autoComplete="username" autoFocus />
        </Field>
        <Field label={t("login.password")} htmlFor="password">
          <Input id="password" name="password" type="password" autoComplete="current-password" />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("login.submitting") : t("login.submit")}
        </Button>
      </form>
      {oidc ? (
        <>
          <div className="relative text-center text-xs text-slate-400">
            <span className="bg-white px-2">{t("login.or")}</span>
          </div>
          <Button variant="secondary" className="w-full" onClick={() => void signIn(oidc.providerId, { callbackUrl })}>
            <Msg k="login.sso" values={{ provider: oidc.name }} />
          </Button>
        </>
      ) : null}
    </div>
  );
}
