import "server-only";
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeClient } from "./client";
import { toKubeError } from "./errors";

export type DryRunResult = {
  kind: string;
  name: string;
  ok: boolean;
  error?: string;
  field?: string;
};

// Server-side apply with dryRun=All: the API server runs admission and validation (including
// CRD schemas) on every object and persists nothing. One result per object, with the field the
// server names when it refuses one.
export async function dryRunApply(client: KubeClient, objects: KubernetesObject[]): Promise<DryRunResult[]> {
  const results: DryRunResult[] = [];
  for (const object of objects) {
    const kind = object.kind ?? "?";
    const name = object.metadata?.name ?? "?";
    try {
      await client.call((c) =>
        c.objects.patch(object, undefined, "All", "slipway", false, PatchStrategy.ServerSideApply),
      );
      results.push({ kind, name, ok: true });
    } catch (error) {
      const mapped = toKubeError(error, client.environment);
      results.push({
        kind,
        name,
        ok: false,
        error: mapped.message,
        ...(mapped.details.field ? { field: mapped.details.field } : {}),
      });
    }
  }
  return results;
}
