import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { onShutdown } from "@/lib/shutdown";
import type { ReleaseLiveState } from "@/lib/services/releases/release-view";
import { subscribeLiveRelease } from "@/lib/services/releases/live-release-hub";
import { ZIdSchema } from "@/lib/validations/common";
import { isFinalStatus } from "@/lib/validations/release-status";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

// Server-Sent Events for one release: its state now, then again whenever any Slipway process
// records a change (PostgreSQL NOTIFY), until it has finished or the browser goes away. The first
// state comes from the live-release hub's read, shared with the other pages joining at once.
export const GET = withRoute("console.read", async (request, { params }) => {
  const id = params.id ?? "";
  if (!ZIdSchema.safeParse(id).success) throw new AppError("invalid_input", "Invalid release id.", { field: "id" });
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  // Timeline entries already sent; each message carries the state and the entries after.
  let lastEventId: string | undefined;
  let lastSent = "";
  let unsubscribe = () => {};
  let unhook = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    unhook();
    controller.close();
  };
  const send = (state: ReleaseLiveState) => {
    if (closed) return;
    lastEventId = state.timeline.at(-1)?.id ?? lastEventId;
    const data = JSON.stringify(state);
    if (data === lastSent) return;
    lastSent = data;
    controller.enqueue(encoder.encode(`event: state\ndata: ${data}\n\n`));
    if (isFinalStatus(state.status)) stop();
  };
  // The stream's controller exists once it is constructed: the hub's first send goes into it.
  const stream = new ReadableStream<Uint8Array>({
    start(started) {
      controller = started;
    },
    cancel() {
      stop();
    },
  });
  const off = await subscribeLiveRelease(id, { lastEventId: () => lastEventId, send, fail: () => stop() });
  if (!off) throw new AppError("not_found", "Unknown release.", { field: "id" });
  // A finished release's first state already ended the stream.
  if (closed) off();
  else {
    unsubscribe = off;
    request.signal.addEventListener("abort", stop);
    if (request.signal.aborted) stop();
    heartbeat = setInterval(() => {
      if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
    }, HEARTBEAT_MS);
    // A stopping process ends its streams (the browser reconnects to another replica).
    unhook = onShutdown(() => stop());
  }
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
