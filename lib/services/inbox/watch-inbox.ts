import "server-only";
import { notifications } from "@/lib/db/listen";
import { INBOX_CHANNEL } from "@/lib/services/notifications/record-delivery";

// Calls `changed` whenever any Slipway process delivers to the user's inbox or they read it
// elsewhere (PostgreSQL NOTIFY with their id); the returned function stops it.
export async function watchInbox(userId: string, changed: () => void): Promise<() => void> {
  return notifications().subscribe(INBOX_CHANNEL, (payload) => {
    if (payload === userId) changed();
  });
}
