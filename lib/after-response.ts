import "server-only";
import { after } from "next/server";

// Work the answer does not wait for, started once it has been sent (Next's `after`), so it does
// not compete with it; outside a request (the release worker, tests) it starts right away.
export function afterResponse(work: () => Promise<void>): void {
  try {
    after(work);
  } catch {
    void work();
  }
}
