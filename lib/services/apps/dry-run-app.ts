import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { clusterFor } from "@/lib/kube/client";
import { dryRunApply, type DryRunResult } from "@/lib/kube/dry-run-apply";
import { toKubeError } from "@/lib/kube/errors";
import type { CurrentUser } from "@/lib/auth/session";
import { assertTeamAccess } from "./assert-team-access";
import { dryRunCreateNamespace, namespaceExists } from "@/lib/kube/namespaces";
import { renderAppEnvironment } from "./render-app";

export type AppDryRun = { ok: true; namespaceExists: boolean; results: DryRunResult[] } | { ok: false; error: string };

// Sends the rendered objects through the environment's API server as a dry run. When the
// namespace does not exist yet (first deploy creates it), the namespace itself is dry-run and
// the namespaced objects cannot be checked by the server.
export async function dryRunApp(actor: CurrentUser, appId: string, environmentId: string): Promise<AppDryRun> {
  const { target, rendered } = await renderAppEnvironment(appId, environmentId);
  // Slipway's own credentials reach the cluster: the app's team only, as for a deploy.
  assertTeamAccess(actor, target.app.teamId);
  if (!rendered.ok) return { ok: false, error: rendered.errors.map((e) => e.message).join("\n") };
  const client = clusterFor(target.environment);
  let exists: boolean;
  try {
    exists = await namespaceExists(client, target.namespace);
  } catch (error) {
    return { ok: false, error: toKubeError(error, client.environment).message };
  }
  if (exists)
    return {
      ok: true,
      namespaceExists: exists,
      results: await dryRunApply(client, rendered.objects as KubernetesObject[]),
    };
  // Slipway may create namespaces but not patch them (RBAC), so this one is a dry-run create.
  try {
    await dryRunCreateNamespace(client, target.namespace);
    return { ok: true, namespaceExists: exists, results: [{ kind: "Namespace", name: target.namespace, ok: true }] };
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    return {
      ok: true,
      namespaceExists: exists,
      results: [{ kind: "Namespace", name: target.namespace, ok: false, error: mapped.message }],
    };
  }
}
