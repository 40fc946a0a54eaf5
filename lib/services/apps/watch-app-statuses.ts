import "server-only";
import { notifications } from "@/lib/db/listen";
import { RELEASE_CHANNEL } from "@/lib/services/releases/release-store";

// Calls `changed` whenever any Slipway process records a change to any release (PostgreSQL
// NOTIFY): the app list reads its page's cells again then. The returned function stops it.
export async function watchAppStatuses(changed: () => void): Promise<() => void> {
  return notifications().subscribe(RELEASE_CHANNEL, () => changed());
}
