import "server-only";
import { AppError } from "@/lib/errors";
import { isMessageKey, type Translate } from "@/lib/i18n/locales";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import { KubeError } from "@/lib/kube/errors";
import { readContainerLog, type ContainerLogInput } from "./read-container-log";

// Proxies drop a connection that stays silent for a minute (ingress-nginx's default read
// timeout); a comment line every 25 s keeps a quiet follow open.
const KEEP_ALIVE_MS = 25_000;

type Render = (message: StoredMessage) => string;

function problemMessage(error: unknown, t: Translate, render: Render): string {
  if (error instanceof AppError && error.messageKey && isMessageKey(error.messageKey)) {
    const stored = { key: error.messageKey, ...(error.values ? { values: error.values } : {}) };
    return render(stored);
  }
  if (error instanceof AppError || error instanceof KubeError) return error.message;
  console.error("reading a container log failed", error);
  return t("observe.logs.failed");
}

// The container log as Server-Sent Events: `lines` (a JSON array of whole lines), then `end`
// when the log is complete, or `problem` ({ message }) when the cluster refused or the
// connection broke. Cancelling the stream (the browser went away) ends the upstream follow.
export function containerLogEvents(
  input: ContainerLogInput,
  options: { signal: AbortSignal; t: Translate; render: Render },
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const chunks = readContainerLog(input, AbortSignal.any([options.signal, stop.signal]));
  const encoder = new TextEncoder();
  let partial = "";
  let keepAlive: NodeJS.Timeout | undefined;
  let closed = false;
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, event: string, data: unknown) =>
    controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    clearInterval(keepAlive);
    closed = true;
    controller.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      keepAlive = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), KEEP_ALIVE_MS);
    },
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (closed) return;
        if (!next.done) {
          const lines = (partial + next.value).split("\n");
          partial = lines.pop() ?? "";
          if (lines.length > 0)
            send(
              controller,
              "lines",
              lines.map((line) => line.replace(/\r$/, "")),
            );
          return;
        }
        if (partial) send(controller, "lines", [partial]);
        send(controller, "end", {});
      } catch (error) {
        if (closed) return;
        send(controller, "problem", { message: problemMessage(error, options.t, options.render) });
      }
      finish(controller);
    },
    cancel() {
      clearInterval(keepAlive);
      closed = true;
      stop.abort();
      void chunks.return(undefined);
    },
  });
}
