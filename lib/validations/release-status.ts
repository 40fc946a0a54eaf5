// A release's statuses, for server and browser alike: in progress (holding the lock, followed,
// streamed live) or ended.
export const RELEASE_STATUSES = ["pending", "applying", "progressing", "succeeded", "failed", "superseded"] as const;
export type ReleaseStatusName = (typeof RELEASE_STATUSES)[number];

export const ACTIVE_STATUSES: ReleaseStatusName[] = ["pending", "applying", "progressing"];

export function isFinalStatus(status: string): boolean {
  return (RELEASE_STATUSES as readonly string[]).includes(status) && !(ACTIVE_STATUSES as string[]).includes(status);
}
