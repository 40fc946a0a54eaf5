import "server-only";
import { loadManifest } from "@/lib/services/releases/manifest-store";
import type { RunnableRelease } from "@/lib/services/releases/release-objects";
import { applyCanaryRelease } from "./run-canary-release";

// Resuming a canary release whose process stopped while applying it: its plan is
// sent again (idempotent) and it ends as it would have.
export async function resumeCanaryRelease(release: RunnableRelease): Promise<void> {
  await applyCanaryRelease(release, await loadManifest(release.manifestHash));
}
