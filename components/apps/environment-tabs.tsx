import Link from "next/link";

// The environments of an app page, one tab each; the page says where each tab leads.
export function EnvironmentTabs({
  label,
  tabs,
  selectedId,
}: {
  label: string;
  tabs: { id: string; label: string; href: string }[];
  selectedId: string | undefined;
}) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={tab.id === selectedId ? "page" : undefined}
          className={
            tab.id === selectedId
              ? "border-b-2 border-indigo-600 px-3 py-2 text-sm font-medium"
              : "px-3 py-2 text-sm text-slate-500 hover:text-slate-900"
          }
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
