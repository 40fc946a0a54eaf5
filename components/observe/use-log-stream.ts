"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";

export type LogStatus = "idle" | "loading" | "following" | "ended" | "stopped" | "failed";
export type LogProblem = { message: string; field?: string };

// Enough for a 5000-line tail plus a long follow; older lines drop off the top.
const KEEP_LINES = 20_000;

type Frame = { event: string; data: unknown };

function parseFrame(block: string): Frame | null {
  let event = "message";
  let data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  return data ? { event, data: JSON.parse(data) as unknown } : null;
}

// Reads the log route's Server-Sent Events with fetch (EventSource cannot show the JSON error
// of a refused request). Starting again or leaving the page aborts the request, which ends the
// follow on the server and in the cluster.
export function useLogStream() {
  const { t } = useI18n();
  const [lines, setLines] = useState<string[]>([]);
  const [status, setStatus] = useState<LogStatus>("idle");
  const [problem, setProblem] = useState<LogProblem | null>(null);
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const stop = useCallback(() => {
    current.current?.abort();
    current.current = null;
    setStatus("stopped");
  }, []);

  const start = useCallback(
    async (url: string, follow: boolean) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      setLines([]);
      setProblem(null);
      setStatus("loading");
      let outcome: LogStatus | null = null;
      const handle = (frame: Frame) => {
        if (frame.event === "lines") setLines((shown) => [...shown, ...(frame.data as string[])].slice(-KEEP_LINES));
        if (frame.event === "end") outcome = "ended";
        if (frame.event === "problem") {
          setProblem(frame.data as LogProblem);
          outcome = "failed";
        }
      };
      try {
        const response = await fetch(url, { signal: controller.signal, cache: "no-store" });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => null)) as { error?: LogProblem } | null;
          setProblem(body?.error ?? { message: `HTTP ${response.status}` });
          setStatus("failed");
          return;
        }
        if (follow) setStatus("following");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        while (!outcome) {
          const { value, done } = await reader.read();
          if (done) break;
          const blocks = (buffer + value).split("\n\n");
          buffer = blocks.pop() ?? "";
          for (const block of blocks) {
            const frame = parseFrame(block);
            if (frame) handle(frame);
          }
        }
        if (!outcome) setProblem({ message: t("observe.logs.disconnected") });
        setStatus(outcome ?? "failed");
      } catch {
        if (controller.signal.aborted) return;
        setProblem({ message: t("observe.logs.disconnected") });
        setStatus("failed");
      }
    },
    [t],
  );

  return { lines, status, problem, start, stop };
}
