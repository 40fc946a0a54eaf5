import { withRoute } from "@/lib/api/with-route";
import { notifications } from "@/lib/db/listen";
import { AppError } from "@/lib/errors";
import { RELEASE_CHANNEL } from "@/lib/services/releases/release-store";
import { releaseLiveState, type ReleaseLiveState } from "@/lib/services/releases/release-view";
import { ZIdSchema } from "@/lib/validations/common";
import { isFinalStatus } from "@/lib/validations/release-status";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

// Server-Sent Events for one release: its state now, then again whenever any Slipway process
// records a change (PostgreSQL NOTIFY), until it has finished or the browser goes away.
export const GET = withRoute("console.read", async (request, { params }) => {
  const id = params.id ?? "";
  if (!ZIdSchema.safeParse(id).success) throw new AppError("invalid_input", "Invalid release id.", { field: "id" });
  const first = await releaseLiveState(id);
  if (!first) throw new AppError("not_found", "Unknown release.", { field: "id" });
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      // Timeline entries already sent; each message carries the state and the entries after.
      let lastEventId: string | undefined;
      let lastSent = "";
      const send = (state: ReleaseLiveState) => {
        if (closed) return;
        lastEventId = state.timeline.at(-1)?.id ?? lastEventId;
        const data = JSON.stringify(state);
        if (data === lastSent) return;
        lastSent = data;
        controller.enqueue(encoder.encode(`event: state\ndata: ${data}\n\n`));
        if (isFinalStatus(state.status)) stop();
      };
      // One read at a time; notifications during a read ask for one more read after it.
      let reading = false;
      let again = false;
      const refresh = async () => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const state = await releaseLiveState(id, lastEventId);
            if (state) send(state);
          } while (again && !closed);
        } finally {
          reading = false;
        }
      };
      const unsubscribe = await notifications().subscribe(RELEASE_CHANNEL, (payload) => {
        if (payload === id && !closed) void refresh().catch(() => stop());
      });
      const heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
      }, HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        controller.close();
      };
      request.signal.addEventListener("abort", stop);
      // Read again after subscribing, so a change between the first read and LISTEN is not lost.
      send(first);
      await refresh();
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
