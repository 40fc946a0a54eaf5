"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge, Card, Notice } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { ReleaseLiveState } from "@/lib/services/releases/release-view";
import { isFinalStatus } from "@/lib/validations/release-status";
import { ReleaseStatus } from "./release-status";

// The release as it happens: the server pushes its state (Server-Sent Events) whenever the
// follower records a change, so replica counts, pods and events move without a reload.
export function ReleaseLive({ initial }: { initial: ReleaseLiveState }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (isFinalStatus(initial.status)) return;
    const source = new EventSource(`/api/releases/${initial.id}/events`);
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("state", (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as ReleaseLiveState;
      // Each message carries the timeline entries after the ones already sent.
      setState((previous) => {
        const known = new Set(previous.timeline.map((entry) => entry.id));
        return { ...next, timeline: [...previous.timeline, ...next.timeline.filter((entry) => !known.has(entry.id))] };
      });
      if (isFinalStatus(next.status)) {
        source.close();
        setConnected(false);
        router.refresh();
      }
    });
    return () => source.close();
  }, [initial.id, initial.status, router]);

  const time = new Intl.DateTimeFormat(locale, { timeStyle: "medium" });
  const rollout = state.rollout;
  return (
    <div className="space-y-6">
      <Card title={t("releases.progress")}>
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-3">
            <ReleaseStatus status={state.status} />
            {connected ? <span className="text-xs text-slate-500">{t("releases.live")}</span> : null}
            {state.kubeRevision ? (
              <span className="text-xs text-slate-500">
                {t("releases.kubeRevision", { revision: state.kubeRevision })}
              </span>
            ) : null}
          </div>
          {rollout ? (
            <dl className="grid grid-cols-4 gap-3 text-center" data-testid="rollout-counts">
              {(
                [
                  ["desired", rollout.desired],
                  ["updated", rollout.updated],
                  ["ready", rollout.ready],
                  ["available", rollout.available],
                ] as const
              ).map(([name, value]) => (
                <div key={name} className="rounded-md bg-slate-50 p-2">
                  <dt className="text-xs text-slate-500">{t(`releases.count.${name}`)}</dt>
                  <dd className="text-xl font-semibold" data-testid={`count-${name}`}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {rollout && !isFinalStatus(state.status) ? <p className="text-sm text-slate-600">{rollout.message}</p> : null}
          {state.error ? (
            <Notice tone="error" testId="release-error">
              <span className="whitespace-pre-wrap">{state.error}</span>
            </Notice>
          ) : null}
          {state.conflicts.length > 0 ? <Notice tone="info">{t("releases.conflictHint")}</Notice> : null}
        </div>
      </Card>
      {state.pods.length > 0 ? (
        <Card title={t("releases.pods")}>
          <Table
            head={[
              t("releases.pod"),
              t("releases.phase"),
              t("releases.ready"),
              t("releases.restarts"),
              t("releases.node"),
            ]}
          >
            {state.pods.map((pod) => (
              <tr key={pod.name} data-testid="release-pod">
                <Td className="font-mono text-xs">{pod.name}</Td>
                <Td>
                  {pod.phase}
                  {pod.reason ? <div className="text-xs text-amber-700">{pod.reason}</div> : null}
                </Td>
                <Td>{pod.ready ? "✓" : "–"}</Td>
                <Td>{pod.restarts}</Td>
                <Td className="text-xs">{pod.node}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      ) : null}
      {state.steps.length > 0 ? (
        <Card title={t("releases.objects")}>
          <ul className="space-y-1 text-sm">
            {state.steps.map((step) => (
              <li key={`${step.kind}/${step.name}/${step.action}`} className="flex gap-2">
                <Badge
                  tone={
                    step.action === "applied"
                      ? "green"
                      : step.action === "deleted"
                        ? "amber"
                        : step.action === "failed"
                          ? "red"
                          : "slate"
                  }
                >
                  {t(`releases.step.${step.action}`)}
                </Badge>
                <span className="font-mono">
                  {step.kind}/{step.name}
                </span>
                {step.error ? <span className="text-red-700">{step.error}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t("releases.timeline")}>
        <ol className="space-y-1 text-sm" data-testid="release-timeline">
          {state.timeline.map((entry) => (
            <li key={entry.id} className="flex gap-2">
              <span className="w-20 shrink-0 text-xs text-slate-500">{time.format(new Date(entry.at))}</span>
              <Badge tone={entry.type === "Warning" ? "amber" : entry.source === "kubernetes" ? "indigo" : "slate"}>
                {entry.reason}
              </Badge>
              <span className="min-w-0">
                {entry.object ? <span className="font-mono text-xs text-slate-500">{entry.object} </span> : null}
                <span className="whitespace-pre-wrap">{entry.message}</span>
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
