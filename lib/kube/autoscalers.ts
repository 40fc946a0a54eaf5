import "server-only";
import { FIELD_MANAGER } from "./apply-objects";
import type { KubeClient } from "./client";

// The autoscaler's bounds, nothing else of the HorizontalPodAutoscaler.
export async function setAutoscalerBounds(
  client: KubeClient,
  ref: { name: string; namespace: string },
  bounds: { min: number; max: number },
): Promise<void> {
  await client.call((c) =>
    c.autoscaling.patchNamespacedHorizontalPodAutoscaler({
      ...ref,
      fieldManager: FIELD_MANAGER,
      body: [
        { op: "replace", path: "/spec/minReplicas", value: bounds.min },
        { op: "replace", path: "/spec/maxReplicas", value: bounds.max },
      ],
    }),
  );
}
