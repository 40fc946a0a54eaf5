import "server-only";
import type { Tx } from "@/lib/db";
import { sendJob } from "@/lib/jobs/send-job";
import { canaryPromotionJob } from "./canary-jobs";

// Called in the transaction that ends a stable release as succeeded: when it is the deploy a
// promotion asked for (the promoted canary's image), the canary's removal is queued with it, so
// a process stopping right after still removes the canary.
export async function queueCanaryPromotion(
  tx: Tx,
  release: { id: string; appId: string; environmentId: string; image: string | null },
): Promise<void> {
  if (!release.image) return;
  const promoted = await tx.canary.findFirst({
    where: {
      appId: release.appId,
      environmentId: release.environmentId,
      image: release.image,
      promotedBy: { not: null },
    },
    select: { id: true },
  });
  if (promoted) await sendJob(canaryPromotionJob, { releaseId: release.id }, { tx });
}
