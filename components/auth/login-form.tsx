"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
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

export function LoginForm({
  oidc,
  callbackUrl,
  initialError,
}: {
  oidc: { providerId: string; name: string } | null;
  callbackUrl: string;
  initialError: string | null;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? describeError(t, initialError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError(t("login.error.required"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        setError(describeError(t, result?.error ?? "generic"));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(t("login.error.generic"));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {error ? (
        <Notice tone="error" testId="login-error">
          {error}
        </Notice>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-4">
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
            {t("login.sso", { provider: oidc.name })}
          </Button>
        </>
      ) : null}
    </div>
  );
}
