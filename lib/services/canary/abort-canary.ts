import "server-only";
import { canaryAbortDescription } from "@/lib/services/releases/release-descriptions";
import type { CurrentUser } from "@/lib/auth/session";
import type { CanaryPlanHooks } from "@/lib/canary/apply-canary-plan";
import type { RequestContext } from "@/lib/request-context";
import type { CanaryTargetInput } from "@/lib/validations/canary";
import { canaryAccess } from "./canary-access";
import { loadCanaryTarget, planFor, requireCanary, settingsOf } from "./canary-state";
import { runCanaryRelease, type CanaryReleaseResult } from "./run-canary-release";

// Abort: the canary's routing rule, Deployment and Service are removed; the stable app is not
// touched. A failure part-way leaves the canary (its row) in place, so abort can be tried again.
export async function abortCanary(
  actor: CurrentUser,
  input: CanaryTargetInput,
  context: RequestContext,
  hooks?: CanaryPlanHooks,
): Promise<CanaryReleaseResult> {
  const target = await loadCanaryTarget(input.appId, input.environmentId);
  canaryAccess(actor, target.stable.app.teamId, "manage");
  const settings = settingsOf(requireCanary(target));
  return runCanaryRelease({
    target,
    kind: "canary_abort",
    state: "aborted",
    settings,
    plan: planFor(target, settings, "aborted"),
    actor,
    ...canaryAbortDescription,
    context,
    ...(hooks ? { hooks } : {}),
  });
}
