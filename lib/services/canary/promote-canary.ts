import "server-only";
import { canaryPromoteDescription } from "@/lib/services/releases/release-descriptions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import type { CanaryTargetInput } from "@/lib/validations/canary";
import { deployRelease, type DeployResult } from "@/lib/services/releases/deploy-release";
import { canaryAccess } from "./canary-access";
import { loadCanaryTarget, requireCanary } from "./canary-state";

// The tag and digest of an image reference `registry/path:tag[@sha256:...]`.
function tagOf(image: string): { tag: string; digest?: string } {
  const [name = "", digest] = image.split("@");
  const tag = name.slice(name.lastIndexOf(":") + 1);
  return digest ? { tag, digest } : { tag };
}

// Promote: the canary's image becomes a normal deploy of the stable app (a developer's deploy to
// a protected environment becomes a request for approval, as any other). The canary keeps
// running and routing until that deploy's rollout succeeds; then its objects are removed
// (queue-canary-promotion.ts).
export async function promoteCanary(
  actor: CurrentUser,
  input: CanaryTargetInput,
  context: RequestContext,
): Promise<DeployResult> {
  const target = await loadCanaryTarget(input.appId, input.environmentId);
  canaryAccess(actor, target.stable.app.teamId, "manage");
  const canary = requireCanary(target);
  const mark = (promotedBy: string) => ({ where: { id: canary.id }, data: { promotedBy } });
  const { description, descriptionMessage } = canaryPromoteDescription(canary.image);
  const result = await deployRelease(
    actor,
    {
      appId: input.appId,
      environmentId: input.environmentId,
      ...tagOf(canary.image),
      description,
      takeOver: false,
    },
    context,
    {
      auditDetails: { canaryPromotion: true },
      descriptionMessage,
      alsoInTransaction: async (tx, release) => {
        await tx.canary.update(mark(release.id));
      },
    },
  );
  if (result.kind === "request") await db.canary.update(mark(`request:${result.requestId}`));
  return result;
}
