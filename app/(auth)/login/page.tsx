import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { Notice } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { getOidcLogin } from "@/lib/auth/oidc-login";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getI18n } from "@/lib/i18n/server";
import { passwordSignInAction } from "./actions";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  if (await getCurrentUser()) redirect("/apps");
  const params = await searchParams;
  const { t } = await getI18n();
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <div>
            <p className="text-lg font-semibold text-slate-900">{t("app.name")}</p>
            <p className="text-sm text-slate-500">{t("app.tagline")}</p>
          </div>
          <LanguageSwitcher />
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-4 text-base font-semibold">{t("login.title")}</h1>
          {params.notice === "password-changed" ? (
            <div className="mb-4">
              <Notice tone="success" testId="login-notice">
                {t("login.passwordChanged")}
              </Notice>
            </div>
          ) : null}
          <LoginForm
            oidc={getOidcLogin()}
            callbackUrl={callbackUrl}
            initialError={params.error ?? null}
            action={passwordSignInAction}
          />
        </div>
      </div>
    </main>
  );
}
