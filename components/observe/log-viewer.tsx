"use client";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import type { MessageKey } from "@/lib/i18n/locales";
import { DEFAULT_TAIL_LINES, MAX_TAIL_LINES } from "@/lib/validations/limits";
import { useLogStream, type LogStatus } from "./use-log-stream";

export type LogPod = { name: string; containers: string[] };

const STATUS_TEXT = {
  loading: "observe.logs.loading",
  following: "observe.logs.following",
  ended: "observe.logs.ended",
  stopped: "observe.logs.stopped",
} as const satisfies Partial<Record<LogStatus, MessageKey>>;

// One container's log: the last lines, live with "follow", or the previous instance's.
// `endpoint` is the log route of this app; the pods come from the page's pod list and keep
// refreshing, so a pod that went away falls back to the first one.
export function LogViewer({
  endpoint,
  environmentId,
  pods,
}: {
  endpoint: string;
  environmentId: string;
  pods: LogPod[];
}) {
  const { t } = useI18n();
  const [podName, setPodName] = useState(pods[0]?.name ?? "");
  const [containerName, setContainerName] = useState("");
  const [tailLines, setTailLines] = useState(String(DEFAULT_TAIL_LINES));
  const [follow, setFollow] = useState(false);
  const [previous, setPrevious] = useState(false);
  const { lines, status, problem, start, stop } = useLogStream();
  const output = useRef<HTMLPreElement>(null);
  const pod = pods.find((p) => p.name === podName) ?? pods[0];
  const container = pod?.containers.includes(containerName) ? containerName : (pod?.containers[0] ?? "");

  useEffect(() => {
    if (status === "following" && output.current) output.current.scrollTop = output.current.scrollHeight;
  }, [lines, status]);

  if (!pod) return <p className="text-sm text-slate-500">{t("observe.logs.noPods")}</p>;

  const show = () => {
    const query = new URLSearchParams({
      env: environmentId,
      pod: pod.name,
      container,
      tailLines,
      previous: String(previous),
      follow: String(follow),
    });
    void start(`${endpoint}?${query.toString()}`, follow);
  };
  const running = status === "loading" || status === "following";

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <Field label={t("observe.logs.pod")} htmlFor="log-pod">
            <Select
              id="log-pod"
              invalid={problem?.field === "pod"}
              value={pod.name}
              onChange={(e) => setPodName(e.target.value)}
            >
              {pods.map((p) => (
                <option key={p.name}>{p.name}</option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="w-44">
          <Field label={t("observe.logs.container")} htmlFor="log-container">
            <Select
              id="log-container"
              invalid={problem?.field === "container"}
              value={container}
              onChange={(e) => setContainerName(e.target.value)}
            >
              {pod.containers.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="w-28">
          <Field label={t("observe.logs.tailLines")} htmlFor="log-tail">
            <Input
              id="log-tail"
              type="number"
              min={1}
              max={MAX_TAIL_LINES}
              value={tailLines}
              invalid={problem?.field === "tailLines"}
              onChange={(e) => setTailLines(e.target.value)}
            />
          </Field>
        </div>
        <label className="flex items-center gap-2 py-1.5 text-sm text-slate-700">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          {t("observe.logs.follow")}
        </label>
        <label className="flex items-center gap-2 py-1.5 text-sm text-slate-700" title={t("observe.logs.previousHint")}>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} />
          {t("observe.logs.previous")}
        </label>
        <Button onClick={show}>{t("observe.logs.show")}</Button>
        {running ? (
          <Button variant="secondary" onClick={stop}>
            {t("observe.logs.stop")}
          </Button>
        ) : null}
      </div>
      {problem ? (
        <Notice tone="error" testId="log-problem">
          <span className="whitespace-pre-wrap">{problem.message}</span>
        </Notice>
      ) : null}
      {status !== "idle" && (lines.length > 0 || status !== "failed") ? (
        <>
          <pre
            ref={output}
            data-testid="log-output"
            className="max-h-[60vh] min-h-24 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100"
          >
            {lines.length > 0 ? lines.join("\n") : status === "ended" && !problem ? t("observe.logs.empty") : ""}
          </pre>
          {status !== "failed" ? (
            <p role="status" className="text-xs text-slate-500">
              {t(STATUS_TEXT[status])}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
