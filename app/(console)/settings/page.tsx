import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { WecomIdForm } from "@/components/alerting/wecom-id-form";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/locales";
import { accountView } from "@/lib/services/users/account-view";
import { wecomUserIdOf } from "@/lib/services/profile/wecom-user-id-of";
import { setWecomUserIdAction } from "./wecom-actions";
import { timeZoneChoices } from "@/lib/i18n/clock";
import { TimeZoneForm } from "@/components/account/time-zone-form";
import { changeOwnPasswordAction, setTimeZoneAction } from "./actions";

const ADMIN_SECTIONS: { href: string; title: MessageKey; hint: MessageKey }[] = [
  { href: "/settings/users", title: "settings.users", hint: "settings.usersHint" },
  { href: "/settings/teams", title: "settings.teams", hint: "settings.teamsHint" },
  { href: "/settings/environments", title: "settings.environments", hint: "settings.environmentsHint" },
  { href: "/settings/integrations/alerting", title: "integrations.alerting", hint: "integrations.alertingHint" },
];

const TOKENS_SECTION = { href: "/settings/tokens", title: "tokens.title", hint: "tokens.subtitle" } as const;

export default async function SettingsPage() {
  const user = await requirePageUser();
  const { t } = await getI18n();
  const sections = [
    ...(can(user.role, "users.manage") ? ADMIN_SECTIONS : []),
    ...(can(user.role, "apps.deploy") ? [TOKENS_SECTION] : []),
  ];
  const account = await accountView(user);
  return (
    <>
      <PageHeader title={t("settings.title")} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("settings.profile")} description={t("settings.profileHint")}>
          <dl className="space-y-2 text-sm">
            <div className="flex gap-2">
              <dt className="w-24 text-slate-500">{t("users.email")}</dt>
              <dd translate="no">{user.email}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="w-24 text-slate-500">{t("users.role")}</dt>
              <dd>{t(`role.${user.role}`)}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="w-24 text-slate-500">{t("account.teams")}</dt>
              <dd>
                {account.teams.length ? <span translate="no">{account.teams.join(", ")}</span> : t("account.noTeams")}
              </dd>
            </div>
            <div className="flex items-center gap-2">
              <dt className="w-24 text-slate-500">{t("nav.language")}</dt>
              <dd>
                <LanguageSwitcher />
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="w-24 pt-1.5 text-slate-500">{t("time.zone")}</dt>
              <dd>
                <TimeZoneForm saved={user.timeZone} choices={timeZoneChoices()} action={setTimeZoneAction} />
              </dd>
            </div>
          </dl>
        </Card>
        <Card title={t("profile.wecomUserId")}>
          <WecomIdForm initial={await wecomUserIdOf(user.id)} save={setWecomUserIdAction} />
        </Card>
        <Card title={t("account.passwordTitle")} description={t("account.passwordHint")}>
          {account.hasPassword ? (
            <ChangePasswordForm action={changeOwnPasswordAction} />
          ) : (
            <Notice tone="info">{t("account.ssoOnly")}</Notice>
          )}
        </Card>
        {sections.map((section) => (
          <Link key={section.href} href={section.href} className="block rounded-lg hover:ring-2 hover:ring-indigo-200">
            <Card title={t(section.title)} description={t(section.hint)} className="h-full">
              <span className="text-sm font-medium text-indigo-600">→</span>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
