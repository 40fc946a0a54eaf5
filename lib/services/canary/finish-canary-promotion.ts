import "server-only";
import { canaryPromotedDescription } from "@/lib/services/releases/release-descriptions";
import { db } from "@/lib/db";
import { loadCanaryTarget, planFor, settingsOf } from "./canary-state";
import { runCanaryRelease } from "./run-canary-release";

// The promoted image runs as the stable app (its deploy, `releaseId`, succeeded): a release of
// kind canary_promote removes the canary's rule, Deployment and Service, in the name of whoever
// promoted. Nothing to do when the canary is gone already; a failed removal throws so that the
// job tries again.
export async function finishCanaryPromotion(releaseId: string): Promise<void> {
  const deploy = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
  const target = await loadCanaryTarget(deploy.appId, deploy.environmentId);
  const canary = target.canary;
  if (!canary || canary.promotedBy === null || canary.image !== deploy.image) return;
  const settings = settingsOf(canary);
  const result = await runCanaryRelease({
    target,
    kind: "canary_promote",
    state: "promoted",
    settings,
    plan: planFor(target, settings, "promoted"),
    actor: deploy.actorId ? { id: deploy.actorId, email: deploy.actorLabel } : { system: "canary-promotion" },
    ...canaryPromotedDescription(deploy.number),
  });
  if (result.status === "failed") throw new Error(`removing the promoted canary failed (release ${result.releaseId})`);
}
