import "server-only";
import { db } from "@/lib/db";
import { STABLE_KINDS } from "@/lib/services/canary/canary-state";
import { openRollback } from "./open-rollback";
import { autoRollbackDescription } from "./release-descriptions";
import { startRelease } from "./start-release";

// After a failed deploy in an environment that opted in (end-rollout.ts queues it): back to
// the last succeeded release. Only while the failed deploy is still the app's latest release:
// once anything came after it (this rollback, run before a crash, or someone's next deploy),
// there is nothing to do, so a retried job never rolls back twice. While another release holds
// the lock, opening throws and the job is tried again later.
export async function autoRollback(failedReleaseId: string): Promise<void> {
  const failed = await db.release.findUniqueOrThrow({ where: { id: failedReleaseId } });
  const latest = await db.release.findFirst({
    where: { appId: failed.appId, environmentId: failed.environmentId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  if (latest && latest.number > failed.number) return;
  const target = await db.release.findFirst({
    include: { app: { include: { team: true } }, environment: true },
    where: {
      appId: failed.appId,
      environmentId: failed.environmentId,
      status: "succeeded",
      kind: { in: [...STABLE_KINDS] },
      number: { lt: failed.number },
    },
    orderBy: { number: "desc" },
  });
  if (!target) return;
  const release = await openRollback(target, {
    actor: { system: "auto-rollback" },
    actorLabel: "auto-rollback",
    trigger: "auto-rollback",
    ...autoRollbackDescription(target.number, failed.number),
    audit: { to: target.number, image: target.image, after: failed.number, automatic: true },
  });
  await startRelease(release.release, release.objects);
}
