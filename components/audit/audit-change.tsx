"use client";
import { useI18n } from "@/components/i18n/i18n-provider";

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      for (const [k, v] of flatten(inner, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else if (prefix) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

// Field-by-field difference of an audit row's before and after.
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])].filter((k) => b.get(k) !== a.get(k));
  if (keys.length === 0) return null;
  return (
    <dl className="space-y-0.5 font-mono text-xs" aria-label={`${t("audit.before")} / ${t("audit.after")}`}>
      {keys.map((key) => (
        <div key={key}>
          <dt className="inline text-slate-500">{key}: </dt>
          <dd className="inline">
            {b.has(key) ? <del className="text-red-600">{b.get(key)}</del> : null}
            {b.has(key) && a.has(key) ? " → " : null}
            {a.has(key) ? <ins className="text-green-700 no-underline">{a.get(key)}</ins> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
