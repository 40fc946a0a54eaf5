import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { ApplyConflictError, applyObject } from "./apply-objects";
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
// server names when it refuses one (a field another manager owns is named as a conflict).
export async function dryRunApply(client: KubeClient, objects: KubernetesObject[]): Promise<DryRunResult[]> {
  const results: DryRunResult[] = [];
  for (const object of objects) {
    const kind = object.kind ?? "?";
    const name = object.metadata?.name ?? "?";
    try {
      const { conflicts } = await applyObject(client, object, { dryRun: true });
      if (conflicts.length > 0) throw new ApplyConflictError(client.environment, conflicts);
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
