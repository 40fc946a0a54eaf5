import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type Tab = { key: string; label: ReactNode; href: string };

const styles = {
  // The views of one thing (an app's overview, pods and logs, monitoring).
  pills: {
    nav: "mb-4 flex gap-2",
    current: "rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white",
    other: "rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100",
  },
  // One of several of the same kind (environments).
  underline: {
    nav: "mb-4 flex gap-1 border-b border-slate-200",
    current: "border-b-2 border-indigo-600 px-3 py-2 text-sm font-medium",
    other: "px-3 py-2 text-sm text-slate-500 hover:text-slate-900",
  },
};

// Links that switch between views, the current one marked; the page says where each leads.
export function TabNav({
  label,
  tabs,
  current,
  variant,
}: {
  label: string;
  tabs: Tab[];
  current: string | undefined;
  variant: keyof typeof styles;
}) {
  const style = styles[variant];
  return (
    <nav aria-label={label} className={style.nav}>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(tab.key === current ? style.current : style.other)}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
