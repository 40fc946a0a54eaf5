import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { applyObject, applyOrder, deleteObject, refOf, type ObjectRef } from "@/lib/kube/apply-objects";
import type { KubeClient } from "@/lib/kube/client";
import type { CanaryPlan } from "./canary-objects";

export type CanaryPlanHooks = {
  // Called after each object is applied or deleted; tests use it to cut the API server off part-way.
  afterObject?: (ref: ObjectRef, index: number) => Promise<void>;
};

// Sends a canary plan to the cluster through Slipway's one apply path (server-side apply as
// field manager slipway): objects in dependency order, workload before what routes to it, then
// the deletions in the plan's order (routing before the workload it routed to). Idempotent: a
// retry after a failure part-way converges.
export async function applyCanaryPlan(
  client: KubeClient,
  plan: CanaryPlan,
  hooks: CanaryPlanHooks = {},
): Promise<void> {
  let index = 0;
  for (const object of applyOrder(plan.apply as KubernetesObject[])) {
    await applyObject(client, object);
    await hooks.afterObject?.(refOf(object), index++);
  }
  for (const ref of plan.remove) {
    await deleteObject(client, ref);
    await hooks.afterObject?.(ref, index++);
  }
}
