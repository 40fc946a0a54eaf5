import Link from "next/link";
import type { ReactNode } from "react";
import { InboxBell } from "@/components/alerting/inbox-bell";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { LogoutButton } from "@/components/shell/logout-button";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { Badge } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { unreadCount } from "@/lib/services/inbox/unread-count";

const NAV: NavItem[] = [
  { href: "/apps", label: "nav.apps" },
  { href: "/templates", label: "nav.templates" },
  { href: "/releases", label: "nav.releases" },
  { href: "/alerts", label: "nav.alerts" },
  { href: "/audit", label: "nav.audit" },
  { href: "/settings", label: "nav.settings" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const { t } = await getI18n();
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-56 shrink-0 flex-col bg-slate-900 px-3 py-4 md:flex">
        <div className="mb-6 px-3">
          <p className="text-base font-semibold text-white">{t("app.name")}</p>
          <p className="text-xs text-slate-400">{t("app.tagline")}</p>
        </div>
        <NavLinks items={NAV} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-2.5">
          <div className="md:hidden">
            <NavLinks items={NAV} />
          </div>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <InboxBell initial={await unreadCount(user.id)} />
            <span className="text-slate-500">{t("nav.signedInAs")}</span>
            <Link
              href="/settings"
              data-testid="current-user"
              title={t("nav.account")}
              className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
            >
              {user.name} <span className="font-normal text-slate-500">({user.email})</span>
            </Link>
            <span data-testid="current-role">
              <Badge tone="indigo">{t(`role.${user.role}`)}</Badge>
            </span>
            <LanguageSwitcher />
            <LogoutButton />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
