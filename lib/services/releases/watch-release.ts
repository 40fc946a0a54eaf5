import "server-only";
import { notifications } from "@/lib/db/listen";
import { RELEASE_CHANNEL } from "./release-store";

// Calls `changed` whenever any Slipway process records a change to the release (PostgreSQL
// NOTIFY); the returned function stops it.
export async function watchRelease(releaseId: string, changed: () => void): Promise<() => void> {
  return notifications().subscribe(RELEASE_CHANNEL, (payload) => {
    if (payload === releaseId) changed();
  });
}
