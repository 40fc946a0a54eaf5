import Link from "next/link";
import type { ReactNode } from "react";
import { InboxBell } from "@/components/alerting/inbox-bell";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { LogoutButton } from "@/components/shell/logout-button";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { Badge } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { unreadCount } from "@/lib/services/inbox/unread-count";

const NAV: NavItem[] = [
  { href: "/apps", label: "nav.apps" },
  { href: "/templates", label: "nav.templates" },
  { href: "/releases", label: "nav.releases" },
  // Running canaries, for testers above all (issue 14).
  { href: "/canaries", label: "nav.canaries" },
  { href: "/alerts", label: "nav.alerts" },
  { href: "/audit", label: "nav.audit" },
  { href: "/integrations", label: "nav.integrations", permission: "integrations.read" },
  { href: "/settings", label: "nav.settings" },
  // The job queue, for admins.
  { href: "/jobs", label: "nav.jobs", permission: "jobs.manage" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const { t } = await getI18n();
  const nav = NAV.filter((item) => !item.permission || can(user.role, item.permission));
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-56 shrink-0 flex-col bg-slate-900 px-3 py-4 md:flex">
        <div className="mb-6 px-3">
          <p className="text-base font-semibold text-white">{t("app.name")}</p>
          <p className="text-xs text-slate-400">{t("app.tagline")}</p>
        </div>
        <NavLinks items={nav} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-2.5">
          <div className="md:hidden">
            <NavLinks items={nav} />
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
              <span translate="no">
                {user.name} <span className="font-normal text-slate-500">({user.email})</span>
              </span>
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
