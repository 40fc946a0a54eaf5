import "server-only";
import type { KubeClient } from "./client";
import { toKubeError } from "./errors";

// Whether the namespace is there; other failures (unreachable, forbidden) are thrown.
export async function namespaceExists(client: KubeClient, name: string): Promise<boolean> {
  try {
    await client.call((c) => c.core.readNamespace({ name }));
    return true;
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind !== "not_found") throw mapped;
    return false;
  }
}

// Slipway may create namespaces but not change them (its RBAC has no patch on namespaces).
export async function ensureNamespace(client: KubeClient, name: string): Promise<"exists" | "created"> {
  if (await namespaceExists(client, name)) return "exists";
  try {
    await client.call((c) => c.core.createNamespace({ body: { metadata: { name } } }));
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind !== "conflict") throw mapped;
  }
  return "created";
}

// The API server's verdict on creating the namespace, creating nothing.
export async function dryRunCreateNamespace(client: KubeClient, name: string): Promise<void> {
  await client.call((c) => c.core.createNamespace({ body: { metadata: { name } }, dryRun: "All" }));
}
