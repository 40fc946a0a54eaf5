// A one-replica Deployment whose pods carry `app.kubernetes.io/instance: <name>`, the label a
// release follower finds an app's pods by; the sandbox holds them unready on request.
import type { V1Deployment } from "@kubernetes/client-node";

export function instanceDeployment(
  namespace: string,
  name: string,
  image: string,
  options: { unready?: boolean; paused?: boolean; deadlineSeconds?: number } = {},
): V1Deployment {
  const labels = { "app.kubernetes.io/instance": name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      ...(options.deadlineSeconds ? { progressDeadlineSeconds: options.deadlineSeconds } : {}),
      ...(options.paused ? { paused: true } : {}),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, "sandbox.slipway.dev/unready": String(options.unready ?? false) } },
        spec: { containers: [{ name: "app", image }] },
      },
    },
  };
}
