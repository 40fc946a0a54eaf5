import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type AppTab = { key: string; label: string; href: string };

// The views of one app: its releases and parameters, its pods and logs, its Grafana panels.
export function AppTabs({ label, tabs, current }: { label: string; tabs: AppTab[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-2">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm font-medium",
            tab.key === current ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
