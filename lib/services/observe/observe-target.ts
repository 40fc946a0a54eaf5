import "server-only";
import { clusterFor, type KubeClient } from "@/lib/kube/client";
import { toKubeError } from "@/lib/kube/errors";
import { standardLabels } from "@/lib/templates/render-context";
import { loadAppEnvironment } from "@/lib/services/apps/app-settings";

export const INSTANCE_LABEL = "app.kubernetes.io/instance";

// A read from the cluster, or what the cluster answered instead, for the page to show.
export type ClusterRead<T> = { ok: true; value: T } | { ok: false; error: string };

export type ObserveTarget = Awaited<ReturnType<typeof observeTarget>>;

// Where an app's objects live in one environment and how to find them: by the instance label
// that rendering puts on everything of the app (lib/templates/render-context.ts).
export async function observeTarget(appId: string, environmentId: string) {
  const { app, environment, namespace } = await loadAppEnvironment(appId, environmentId);
  const { selectorLabels } = standardLabels(
    { name: app.name, team: app.team.name },
    { name: environment.name, namespace },
  );
  const instance = selectorLabels[INSTANCE_LABEL];
  return { environment, namespace, instance, labelSelector: `${INSTANCE_LABEL}=${instance}` };
}

export async function readCluster<T>(
  target: ObserveTarget,
  read: (client: KubeClient) => Promise<T>,
): Promise<ClusterRead<T>> {
  try {
    return { ok: true, value: await read(clusterFor(target.environment)) };
  } catch (error) {
    return { ok: false, error: toKubeError(error, target.environment.name).message };
  }
}
