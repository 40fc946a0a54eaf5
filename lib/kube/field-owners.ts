import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "./apply-objects";

type ManagedEntry = {
  manager?: string;
  operation?: string;
  subresource?: string;
  time?: string | Date;
  fieldsV1?: Record<string, unknown>;
};

// A path into an object as the API server writes it in managedFields (fieldsV1): `f:<field>`
// for a field, `k:{"name":"app"}` for the item of a list keyed by name.
export const field = (name: string) => `f:${name}`;
export const keyed = (name: string) => `k:${JSON.stringify({ name })}`;

function entries(object: KubernetesObject): ManagedEntry[] {
  return (object.metadata?.managedFields ?? []) as ManagedEntry[];
}

function holds(tree: Record<string, unknown> | undefined, path: string[]): boolean {
  let node: unknown = tree;
  for (const step of path) {
    if (typeof node !== "object" || node === null || !(step in node)) return false;
    node = (node as Record<string, unknown>)[step];
  }
  return true;
}

// Who changed a field of a live object, by its managedFields: the managers that own the path
// (or anything under it), another manager before Slipway. A field nobody owns any more (a
// removed env var) was last touched by whoever updated the object last, Slipway aside.
export function fieldOwners(object: KubernetesObject, path: string[]): string[] {
  const owners = entries(object).filter((entry) => entry.manager && holds(entry.fieldsV1, path));
  const foreign = owners.filter((entry) => entry.manager !== FIELD_MANAGER);
  if (owners.length > 0) return [...new Set((foreign.length ? foreign : owners).map((entry) => entry.manager!))];
  const latest = entries(object)
    .filter((entry) => entry.manager && entry.manager !== FIELD_MANAGER && entry.operation === "Update")
    .sort((a, b) => new Date(b.time ?? 0).getTime() - new Date(a.time ?? 0).getTime())[0];
  return latest ? [latest.manager!] : [];
}

// Who last wrote a Deployment's pod template other than Slipway (`kubectl set image`, another
// tool), from its managed fields; status writers (subresources) aside.
export function templateManager(object: KubernetesObject): string | null {
  const writers = entries(object).filter(
    (entry) =>
      entry.manager &&
      entry.manager !== FIELD_MANAGER &&
      !entry.subresource &&
      holds(entry.fieldsV1, [field("spec"), field("template")]),
  );
  writers.sort((a, b) => new Date(a.time ?? 0).getTime() - new Date(b.time ?? 0).getTime());
  return writers.at(-1)?.manager ?? null;
}
