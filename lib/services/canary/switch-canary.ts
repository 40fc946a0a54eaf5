import "server-only";
import { canarySwitchDescription } from "@/lib/services/releases/release-descriptions";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import type { SwitchCanaryInput } from "@/lib/validations/canary";
import { canaryAccess } from "./canary-access";
import { loadCanaryTarget, planFor, requireCanary, settingsOf } from "./canary-state";
import { runCanaryRelease, type CanaryReleaseResult } from "./run-canary-release";

// The testers' switch: off takes only the routing rule away (the canary's pods keep running), on
// puts it back. A release of kind canary_switch, so every switch is in the history and the audit.
export async function switchCanary(
  actor: CurrentUser,
  input: SwitchCanaryInput,
  context: RequestContext,
): Promise<CanaryReleaseResult> {
  const target = await loadCanaryTarget(input.appId, input.environmentId);
  canaryAccess(actor, target.stable.app.teamId, "switch");
  const settings = settingsOf(requireCanary(target));
  const state = input.enabled ? "on" : "off";
  // Only the routing changes: the workload is left as it is.
  const plan = planFor(target, settings, state);
  const routing = {
    apply: plan.apply.filter((o) => o.kind === "HTTPRoute" || o.kind === "Ingress"),
    remove: plan.remove,
  };
  return runCanaryRelease({
    target,
    kind: "canary_switch",
    state,
    settings,
    plan: routing,
    actor,
    ...canarySwitchDescription(input.enabled),
    context,
  });
}
