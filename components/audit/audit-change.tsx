import type { Locale, Translate } from "@/lib/i18n/locales";
import { isMessageKey } from "@/lib/i18n/locales";
import { BUILTIN_TEMPLATES } from "@/lib/templates/builtin";

function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      for (const [k, v] of flatten(inner, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

// Built-in parameters by name, for rows about an app's parameters.
const PARAMETER_TITLES = new Map(
  BUILTIN_TEMPLATES.flatMap((template) => template.schema.parameters).map((def) => [def.name, def.title]),
);

function Label({ path, t, locale }: { path: string; t: Translate; locale: Locale }) {
  const head = path.split(".")[0] ?? path;
  const known = `audit.field.${head}`;
  const title = isMessageKey(known) ? t(known) : PARAMETER_TITLES.get(head)?.[locale];
  const rest = path.slice(head.length + 1);
  if (!title)
    return (
      <code translate="no" className="text-slate-500">
        {path}
      </code>
    );
  return (
    <span className="text-slate-500">
      {title}
      {rest ? (
        <code translate="no" className="ml-1 text-slate-400">
          {rest}
        </code>
      ) : null}
    </span>
  );
}

function Value({ path, value, t }: { path: string; value: unknown; t: Translate }) {
  if (value === true) return <>{t("audit.yes")}</>;
  if (value === false) return <>{t("audit.no")}</>;
  if (value === null || value === undefined || value === "") return <>{t("audit.empty.value")}</>;
  const role = `role.${String(value)}`;
  if (path === "role" && isMessageKey(role)) return <>{t(role)}</>;
  return (
    <span translate="no" className="font-mono">
      {typeof value === "string" ? value : JSON.stringify(value)}
    </span>
  );
}

// Field-by-field difference of an audit row's before and after, each field by its name in the
// reader's language where Slipway knows it.
export function AuditChange({
  before,
  after,
  t,
  locale,
}: {
  before: unknown;
  after: unknown;
  t: Translate;
  locale: Locale;
}) {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])].filter(
    (k) => JSON.stringify(b.get(k)) !== JSON.stringify(a.get(k)),
  );
  if (keys.length === 0) return null;
  return (
    <dl className="space-y-0.5 text-xs" aria-label={`${t("audit.before")} / ${t("audit.after")}`}>
      {keys.map((key) => (
        <div key={key} className="break-words">
          <dt className="inline">
            <Label path={key} t={t} locale={locale} />
            {": "}
          </dt>
          <dd className="inline">
            {b.has(key) ? (
              <del className="text-red-600">
                <Value path={key} value={b.get(key)} t={t} />
              </del>
            ) : null}
            {b.has(key) && a.has(key) ? " → " : null}
            {a.has(key) ? (
              <ins className="text-green-700 no-underline">
                <Value path={key} value={a.get(key)} t={t} />
              </ins>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
