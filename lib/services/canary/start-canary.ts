import "server-only";
import { canaryStartDescription } from "@/lib/services/releases/release-descriptions";
import type { CurrentUser } from "@/lib/auth/session";
import type { CanaryPlanHooks } from "@/lib/canary/apply-canary-plan";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { ZCanarySettingsSchema, type StartCanaryInput } from "@/lib/validations/canary";
import { renderDeploy } from "@/lib/services/releases/render-deploy";
import { canaryAccess } from "./canary-access";
import { loadCanaryTarget, planFor } from "./canary-state";
import { runCanaryRelease, type CanaryReleaseResult } from "./run-canary-release";

// Starts a canary (DESIGN.md flow 6): `<app>-canary` runs the tag's image beside the stable app,
// and the route sends the header (and the weight) to it. A release of kind canary_start.
export async function startCanary(
  actor: CurrentUser,
  input: StartCanaryInput,
  context: RequestContext,
  hooks?: CanaryPlanHooks,
): Promise<CanaryReleaseResult> {
  const target = await loadCanaryTarget(input.appId, input.environmentId);
  const { app, environment } = target.stable;
  canaryAccess(actor, app.teamId, "manage");
  if (target.canary)
    throw new AppError("invalid_input", `A canary of ${app.name} already runs in ${environment.name}.`, {
      field: "environmentId",
      messageKey: "canary.alreadyRunning",
      values: { image: target.canary.image },
    });
  if (input.replicas > environment.maxReplicas)
    throw new AppError("invalid_input", `${input.replicas} replicas is above ${environment.name}'s maximum.`, {
      field: "replicas",
      messageKey: "releases.aboveMax",
      values: { max: environment.maxReplicas },
    });
  // The tag is checked and resolved in the environment's registry as a deploy's would be.
  const { image } = await renderDeploy(input.appId, input.environmentId, input.tag);
  const { appId: _a, environmentId: _e, tag: _t, ...rest } = input;
  const settings = ZCanarySettingsSchema.parse({ ...rest, image });
  return runCanaryRelease({
    target,
    kind: "canary_start",
    state: "on",
    settings,
    plan: planFor(target, settings, "on"),
    undo: planFor(target, settings, "aborted"),
    actor,
    ...canaryStartDescription(image),
    context,
    ...(hooks ? { hooks } : {}),
  });
}
