"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { Permission } from "@/lib/auth/permissions";
import type { MessageKey } from "@/lib/i18n/locales";
import { cn } from "@/components/ui/cn";

// `permission`: shown only to roles that have it.
export type NavItem = { href: string; label: MessageKey; permission?: Permission };

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const { t } = useI18n();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-2 text-sm font-medium",
              active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
            )}
          >
            {t(item.label)}
          </Link>
        );
      })}
    </nav>
  );
}
