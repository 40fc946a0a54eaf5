"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/card";
import type { GrafanaCheck, GrafanaProblem } from "@/lib/grafana/problems";
import { formatDateTime } from "@/lib/i18n/clock";
import { isMessageKey } from "@/lib/i18n/locales";

export function useProblemText() {
  const { t } = useI18n();
  return (problem: GrafanaProblem) => (isMessageKey(problem.key) ? t(problem.key, problem.values) : problem.key);
}

// What a check of an environment's Grafana found: each problem with the setting to change.
export function GrafanaProblemList({ problems }: { problems: GrafanaProblem[] }) {
  const text = useProblemText();
  return (
    <ul className="list-disc space-y-1 pl-5" data-testid="grafana-problems">
      {problems.map((problem) => (
        <li key={`${problem.key}:${JSON.stringify(problem.values ?? {})}`}>{text(problem)}</li>
      ))}
    </ul>
  );
}

export function GrafanaCheckView({ check, checkedAt }: { check: GrafanaCheck | null; checkedAt: string | null }) {
  const { t, clock } = useI18n();
  const text = useProblemText();
  if (!check) return <p className="text-sm text-slate-500">{t("grafana.check.never")}</p>;
  return (
    <div className="space-y-2 text-sm" data-testid="grafana-check">
      <p className="flex flex-wrap items-center gap-2">
        {check.ok ? (
          <Badge tone="green">{t("grafana.check.ok")}</Badge>
        ) : (
          <Badge tone="red">{t("grafana.check.problems")}</Badge>
        )}
        {check.version ? <span>{t("grafana.check.version", { version: check.version })}</span> : null}
        {checkedAt ? (
          <span className="text-slate-500">
            {t("grafana.check.checkedAt", {
              time: formatDateTime(checkedAt, clock),
            })}
          </span>
        ) : null}
      </p>
      {check.signIn !== "unknown" ? (
        <p className="text-slate-600">{t(`grafana.check.signIn.${check.signIn}`)}</p>
      ) : null}
      {check.problems.length > 0 ? <GrafanaProblemList problems={check.problems} /> : null}
      {check.notes.map((note) => (
        <p key={note.key} className="text-slate-500">
          {text(note)}
        </p>
      ))}
    </div>
  );
}
