import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { keyedDigest } from "@/lib/crypto/keys";

const CHECKSUM = "slipway.dev/config-checksum";

// Pods read ConfigMaps and Secrets only when they start, so a change of config files or secret
// values alone would reach no running pod. A digest of them on the pod template makes such a
// change roll the pods, as it rolls them for an image change.
export function withConfigChecksum(objects: KubernetesObject[]): KubernetesObject[] {
  const config = objects
    .filter((object) => object.kind === "ConfigMap" || object.kind === "Secret")
    .map((object) => {
      const { data, stringData, binaryData } = object as KubernetesObject & Record<string, unknown>;
      return { kind: object.kind, name: object.metadata?.name, data, stringData, binaryData };
    });
  if (config.length === 0) return objects;
  const checksum = keyedDigest(JSON.stringify(config), "config-checksum").slice(0, 32);
  return objects.map((object) => {
    if (object.kind !== "Deployment" && object.kind !== "StatefulSet") return object;
    const spec = (object as { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } }).spec;
    if (!spec?.template) return object;
    return {
      ...object,
      spec: {
        ...spec,
        template: {
          ...spec.template,
          metadata: {
            ...spec.template.metadata,
            annotations: { ...spec.template.metadata?.annotations, [CHECKSUM]: checksum },
          },
        },
      },
    } as KubernetesObject;
  });
}

type Scaled = KubernetesObject & { spec?: { replicas?: number; minReplicas?: number; maxReplicas?: number } };

// The first replica count in the objects above the environment's maximum, with the parameter
// that sets it: a workload's replicas, or an autoscaler's bounds.
export function scalingAboveMax(
  objects: KubernetesObject[],
  max: number,
): { field: "replicas" | "autoscaling"; value: number } | null {
  for (const object of objects as Scaled[]) {
    const spec = object.spec ?? {};
    if ((object.kind === "Deployment" || object.kind === "StatefulSet") && (spec.replicas ?? 0) > max)
      return { field: "replicas", value: spec.replicas! };
    if (object.kind === "HorizontalPodAutoscaler") {
      const highest = Math.max(spec.maxReplicas ?? 0, spec.minReplicas ?? 0);
      if (highest > max) return { field: "autoscaling", value: highest };
    }
  }
  return null;
}
