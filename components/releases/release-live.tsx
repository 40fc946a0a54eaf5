"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { EngineText, MessageText } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
import { Badge, Card, Notice } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { isMessageKey } from "@/lib/i18n/locales";
import type { RolloutProgress } from "@/lib/kube/rollout-status";
import type { ReleaseLiveState, ReleaseTimelineEntry } from "@/lib/services/releases/release-view";
import { isFinalStatus } from "@/lib/validations/release-status";
import { ReleaseStatus } from "./release-status";

// Entries come from two clocks' worth of sources (Slipway's steps, Kubernetes' events with the
// time Kubernetes gives them) and arrive in batches: shown in the order they happened.
function inTimeOrder(entries: ReleaseTimelineEntry[]): ReleaseTimelineEntry[] {
  return [...entries].sort((a, b) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id));
}

// Where the rollout stands, said from its counts in the reader's language.
function RolloutSentence({ rollout }: { rollout: RolloutProgress }) {
  if (rollout.phase === "failed")
    return rollout.failure === undefined ? (
      // Recorded before the reason was kept apart: the English read back.
      <EngineText text={rollout.message} />
    ) : (
      <MessageText
        message={{
          key: "releaseText.deadlineExceeded",
          values: { seconds: rollout.progressDeadlineSeconds, detail: rollout.failure },
        }}
      />
    );
  if (rollout.observedGeneration < rollout.generation)
    return <MessageText message={{ key: "releaseText.waitingController" }} />;
  if (rollout.updated < rollout.desired)
    return (
      <MessageText
        message={{ key: "releaseText.updating", values: { updated: rollout.updated, desired: rollout.desired } }}
      />
    );
  if (rollout.replicas > rollout.updated)
    return (
      <MessageText
        message={{ key: "releaseText.terminating", values: { count: rollout.replicas - rollout.updated } }}
      />
    );
  if (rollout.available < rollout.updated)
    return (
      <MessageText
        message={{
          key: "releaseText.becomingAvailable",
          values: { available: rollout.available, updated: rollout.updated },
        }}
      />
    );
  return (
    <MessageText
      message={{ key: "releaseText.available", values: { available: rollout.available, desired: rollout.desired } }}
    />
  );
}

function TimelineEntry({ entry }: { entry: ReleaseTimelineEntry }) {
  const { t } = useI18n();
  // Slipway's own steps read in the reader's language; Kubernetes' events in its own words.
  const ours = entry.source === "slipway";
  const reasonKey = `releaseText.event.${entry.reason}`;
  return (
    <li className="flex gap-2" data-testid="timeline-entry">
      <span className="w-16 shrink-0 text-xs text-slate-500">
        <Time value={entry.at} timeOnly />
      </span>
      <span className="shrink-0">
        <Badge tone={entry.type === "Warning" ? "amber" : ours ? "slate" : "indigo"}>
          {ours && isMessageKey(reasonKey) ? t(reasonKey) : <span translate="no">{entry.reason}</span>}
        </Badge>
      </span>
      <span className="min-w-0 break-words">
        {entry.object ? (
          <span className="font-mono text-xs text-slate-500" translate="no">
            {entry.object}{" "}
          </span>
        ) : null}
        {ours ? (
          <span className="whitespace-pre-wrap">
            <EngineText message={entry.messageData} text={entry.message} />
          </span>
        ) : (
          <span className="whitespace-pre-wrap" translate="no">
            {entry.message}
          </span>
        )}
      </span>
    </li>
  );
}

// The release as it happens: the server pushes its state (Server-Sent Events) whenever the
// follower records a change, so replica counts, pods and events move without a reload.
export function ReleaseLive({ initial }: { initial: ReleaseLiveState }) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, setState] = useState(() => ({ ...initial, timeline: inTimeOrder(initial.timeline) }));
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
        return {
          ...next,
          timeline: inTimeOrder([...previous.timeline, ...next.timeline.filter((entry) => !known.has(entry.id))]),
        };
      });
      if (isFinalStatus(next.status)) {
        source.close();
        setConnected(false);
        router.refresh();
      }
    });
    return () => source.close();
  }, [initial.id, initial.status, router]);

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
          {rollout && !isFinalStatus(state.status) ? (
            <p className="text-sm text-slate-600" data-testid="rollout-sentence">
              <RolloutSentence rollout={rollout} />
            </p>
          ) : null}
          {state.error || state.errorMessage ? (
            <Notice tone="error" testId="release-error">
              <span className="whitespace-pre-wrap">
                <EngineText message={state.errorMessage} text={state.error} />
              </span>
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
                <Td className="font-mono text-xs">
                  <span translate="no">{pod.name}</span>
                </Td>
                <Td>
                  <span translate="no">{pod.phase}</span>
                  {pod.reason ? (
                    <div className="text-xs text-amber-700" translate="no">
                      {pod.reason}
                    </div>
                  ) : null}
                </Td>
                <Td>{pod.ready ? "✓" : "–"}</Td>
                <Td>{pod.restarts}</Td>
                <Td className="text-xs">
                  <span translate="no">{pod.node}</span>
                </Td>
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
                <span className="font-mono" translate="no">
                  {step.kind}/{step.name}
                </span>
                {step.error ? (
                  <span className="whitespace-pre-wrap text-red-700">
                    <EngineText text={step.error} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t("releases.timeline")}>
        <ol className="space-y-1 text-sm" data-testid="release-timeline">
          {state.timeline.map((entry) => (
            <TimelineEntry key={entry.id} entry={entry} />
          ))}
        </ol>
      </Card>
    </div>
  );
}
