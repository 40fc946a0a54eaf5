import Link from "next/link";
import type { Translate } from "@/lib/i18n/locales";

// The app page's tabs: releases and parameters, and its alerts.
export function AppTabs({ appId, current, t }: { appId: string; current: "app" | "alerts"; t: Translate }) {
  const tabs = [
    { key: "app", href: `/apps/${appId}`, label: t("alerts.appOverview") },
    { key: "alerts", href: `/apps/${appId}/alerts`, label: t("alerts.appTab") },
  ] as const;
  return (
    <nav aria-label={t("alerts.appTab")} className="mb-4 flex gap-4 text-sm">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={tab.key === current ? "font-semibold text-slate-900" : "text-indigo-700 hover:underline"}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
