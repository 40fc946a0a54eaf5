import "server-only";
import { PassThrough, Readable } from "node:stream";
import { Log } from "@kubernetes/client-node";
import type { KubeClient } from "./client";
import { toKubeError, type KubeError } from "./errors";

export type LogRequest = {
  namespace: string;
  pod: string;
  container: string;
  tailLines: number;
  // The log of the container's last terminated instance (after a crash or restart).
  previous: boolean;
  // Keep the connection open and pass on lines as the container writes them.
  follow: boolean;
};

// client-node's Log keeps the cluster's Status message only for 500 answers and turns network
// failures into a bare 500; the same request through readNamespacedPodLog brings back the
// cluster's own words ("container web is not valid for pod ...") or the real network error.
async function explain(client: KubeClient, request: LogRequest, mapped: KubeError): Promise<KubeError> {
  if (mapped.details.status === undefined) return mapped;
  try {
    await client.call((c) =>
      c.core.readNamespacedPodLog({
        name: request.pod,
        namespace: request.namespace,
        container: request.container,
        tailLines: 1,
        previous: request.previous,
      }),
    );
    return mapped;
  } catch (again) {
    return toKubeError(again, client.environment);
  }
}

// The last `tailLines` lines (utf-8 text), then with `follow` the lines as the container writes
// them. Both go through client-node's Log, which passes the bytes on: readNamespacedPodLog
// cannot parse the untyped 204 answer the cluster gives for a container that has not started.
// Resolves once the cluster has accepted the request; the stream ends when the cluster ends the
// log or `signal` aborts (the browser went away), and fails with a KubeError when the
// connection breaks.
export async function streamLog(client: KubeClient, request: LogRequest, signal: AbortSignal): Promise<Readable> {
  const sink = new PassThrough();
  sink.setEncoding("utf8");
  // client-node pipes the response into `sink` without listening for the response's errors: the
  // AbortError of every stopped follow would otherwise be an uncaught exception.
  sink.on("pipe", (source: Readable) =>
    source.on("error", (error) => {
      if (sink.destroyed) return;
      if (signal.aborted) sink.end();
      else sink.destroy(toKubeError(error, client.environment));
    }),
  );
  const pending = new Log(client.config).log(request.namespace, request.pod, request.container, sink, {
    follow: request.follow,
    tailLines: request.tailLines,
    previous: request.previous,
  });
  let upstream: AbortController;
  try {
    upstream = await client.call(() => pending);
  } catch (error) {
    sink.destroy();
    const mapped = toKubeError(error, client.environment);
    // A container that has not started has no log yet: the cluster answers 204 No Content.
    if (mapped.details.status === 204) return Readable.from([]);
    // After a timeout the request may still be answered; close that late connection.
    void pending.then(
      (late) => late.abort(),
      () => undefined,
    );
    throw await explain(client, request, mapped);
  }
  const stop = () => upstream.abort();
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  sink.on("close", () => {
    signal.removeEventListener("abort", stop);
    upstream.abort();
  });
  return sink;
}
