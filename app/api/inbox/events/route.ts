import { withRoute } from "@/lib/api/with-route";
import { unreadCount } from "@/lib/services/inbox/unread-count";
import { watchInbox } from "@/lib/services/inbox/watch-inbox";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

// Server-Sent Events with the reader's unread count: now, then whenever any Slipway process
// delivers to their inbox or they read it elsewhere (PostgreSQL NOTIFY with their user id).
export const GET = withRoute("console.read", async (request, { user }) => {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let last = -1;
      const send = async () => {
        const count = await unreadCount(user.id);
        if (closed || count === last) return;
        last = count;
        controller.enqueue(encoder.encode(`event: unread\ndata: ${count}\n\n`));
      };
      const unsubscribe = await watchInbox(user.id, () => {
        if (!closed) void send().catch(() => stop());
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
      await send();
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
