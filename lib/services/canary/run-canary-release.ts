import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Actor } from "@/lib/audit/write-audit";
import { applyCanaryPlan, type CanaryPlanHooks } from "@/lib/canary/apply-canary-plan";
import type { CanaryPlan, CanaryState, KubeObject } from "@/lib/canary/canary-objects";
import { clusterFor } from "@/lib/kube/client";
import { toKubeError } from "@/lib/kube/errors";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import type { RequestContext } from "@/lib/request-context";
import type { CanarySettings } from "@/lib/validations/canary";
import { openRelease } from "@/lib/services/releases/release-store";
import { finishRelease } from "@/lib/services/releases/release-store";
import { kubeErrorMessage } from "@/lib/services/releases/release-messages";
import type { RunnableRelease } from "@/lib/services/releases/release-objects";
import { settleCanary, type CanaryKind, type CanaryOperation, type CanaryTarget } from "./canary-state";

export type CanaryReleaseResult = { releaseId: string; number: number; status: "succeeded" | "failed" };

type CanaryRelease = Pick<
  RunnableRelease,
  "id" | "number" | "appId" | "environmentId" | "kind" | "actorId" | "actorLabel" | "operation" | "environment"
>;

// Sends a canary release's plan (the objects of its manifest, then its deletions) and ends it
// with the canary's row in the same transaction. A failure ends it failed; a failed start takes
// away what it got to create where the cluster still answers, and a start, switch, abort or
// promotion tried again converges (server-side apply and delete of a missing object are
// idempotent). Also how the watchdog finishes a canary release whose process stopped.
export async function applyCanaryRelease(
  release: CanaryRelease,
  objects: KubernetesObject[],
  hooks?: CanaryPlanHooks,
): Promise<CanaryReleaseResult> {
  const operation = release.operation as unknown as CanaryOperation;
  const client = clusterFor(release.environment);
  const done = (status: "succeeded" | "failed") => ({ releaseId: release.id, number: release.number, status });
  try {
    await applyCanaryPlan(client, { apply: objects as KubeObject[], remove: operation.remove }, hooks);
  } catch (error) {
    const mapped = toKubeError(error, release.environment.name);
    if (operation.undo) await applyCanaryPlan(client, operation.undo).catch(() => undefined);
    await finishRelease(release.id, {
      status: "failed",
      error: mapped.message,
      errorMessage: kubeErrorMessage(mapped.message),
    });
    return done("failed");
  }
  await finishRelease(release.id, { status: "succeeded" }, (tx) =>
    settleCanary(tx, { ...release, kind: release.kind as CanaryKind }, operation),
  );
  return done("succeeded");
}

export type CanaryReleaseInput = {
  target: CanaryTarget;
  kind: CanaryKind;
  state: CanaryState;
  settings: CanarySettings;
  plan: CanaryPlan;
  undo?: CanaryPlan;
  actor: Actor;
  description: string;
  descriptionMessage?: StoredMessage;
  context?: RequestContext;
  hooks?: CanaryPlanHooks;
};

// Opens a canary release under the (app, environment) release lock (a 409 naming the running
// release otherwise), with its audit row, and applies it while the caller waits.
export async function runCanaryRelease(input: CanaryReleaseInput): Promise<CanaryReleaseResult> {
  const { stable } = input.target;
  const operation: CanaryOperation = {
    state: input.state,
    settings: input.settings,
    remove: input.plan.remove,
    ...(input.undo ? { undo: input.undo } : {}),
  };
  const actor: Actor = "system" in input.actor ? input.actor : { id: input.actor.id, email: input.actor.email };
  const actorLabel = "system" in actor ? `system:${actor.system}` : actor.email;
  const objects = input.plan.apply as KubernetesObject[];
  const release = await openRelease({
    appId: stable.appId,
    environmentId: stable.environmentId,
    kind: input.kind,
    image: input.settings.image,
    parameters: stable.parameters as Record<string, unknown>,
    objects,
    operation: operation as unknown as Record<string, unknown>,
    description: input.description,
    ...(input.descriptionMessage ? { descriptionMessage: input.descriptionMessage } : {}),
    actor,
    actorLabel,
    trigger: "user",
    audit: {
      action: `release.${input.kind.replace("_", "-")}`,
      label: `${stable.app.team.name}/${stable.app.name} ${stable.environment.name}`,
      after: { ...input.settings, state: input.state },
      ...(input.context ? { context: input.context } : {}),
    },
  });
  return applyCanaryRelease({ ...release, environment: stable.environment }, objects, input.hooks);
}
