import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { clusterFor } from "@/lib/kube/client";
import { dryRunApply, type DryRunResult } from "@/lib/kube/dry-run-apply";
import { toKubeError } from "@/lib/kube/errors";
import { renderAppEnvironment } from "./render-app";

export type AppDryRun = { ok: true; namespaceExists: boolean; results: DryRunResult[] } | { ok: false; error: string };

// Sends the rendered objects through the environment's API server as a dry run. When the
// namespace does not exist yet (first deploy creates it), the namespace itself is dry-run and
// the namespaced objects cannot be checked by the server.
export async function dryRunApp(appId: string, environmentId: string): Promise<AppDryRun> {
  const { target, rendered } = await renderAppEnvironment(appId, environmentId);
  if (!rendered.ok) return { ok: false, error: rendered.errors.map((e) => e.message).join("\n") };
  const client = clusterFor(target.environment);
  let namespaceExists = true;
  try {
    await client.call((c) => c.core.readNamespace({ name: target.namespace }));
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind !== "not_found") return { ok: false, error: mapped.message };
    namespaceExists = false;
  }
  if (namespaceExists)
    return { ok: true, namespaceExists, results: await dryRunApply(client, rendered.objects as KubernetesObject[]) };
  // Slipway may create namespaces but not patch them (RBAC), so this one is a dry-run create.
  try {
    await client.call((c) => c.core.createNamespace({ body: { metadata: { name: target.namespace } }, dryRun: "All" }));
    return { ok: true, namespaceExists, results: [{ kind: "Namespace", name: target.namespace, ok: true }] };
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    return {
      ok: true,
      namespaceExists,
      results: [{ kind: "Namespace", name: target.namespace, ok: false, error: mapped.message }],
    };
  }
}
