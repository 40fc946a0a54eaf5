import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { keyedDigest, openSecret, sealSecret } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import { canonicalJson } from "@/lib/diff/canonical-json";
import { maskSecrets } from "@/lib/secrets/mask";

function place(hash: string): string {
  return `manifest:${hash}:secrets`;
}

type SecretPart = { data?: unknown; stringData?: unknown };

// A release's objects as they are stored, once: an identical manifest (same objects, same
// secret values) is found by its keyed digest and shared (the release store inserts it with ON
// CONFLICT DO NOTHING). Secret data is sealed; the readable objects keep only the keys.
export function sealManifest(objects: KubernetesObject[]): {
  hash: string;
  objects: string;
  secretsEncrypted: string | null;
} {
  const hash = keyedDigest(canonicalJson(objects), "manifest");
  const secrets: Record<number, SecretPart> = {};
  const readable = objects.map((object, index) => {
    if (object.kind !== "Secret") return object;
    const { data, stringData, ...rest } = object as KubernetesObject & SecretPart;
    secrets[index] = { data, stringData };
    const keys = (part: unknown) => (part && typeof part === "object" ? Object.keys(part) : undefined);
    return { ...rest, slipwaySecretKeys: [...(keys(data) ?? []), ...(keys(stringData) ?? [])] };
  });
  return {
    hash,
    objects: JSON.stringify(readable),
    secretsEncrypted: Object.keys(secrets).length ? sealSecret(JSON.stringify(secrets), place(hash)) : null,
  };
}

// The exact objects, Secret data opened, ready to apply again.
export async function loadManifest(hash: string): Promise<KubernetesObject[]> {
  const row = await db.manifest.findUniqueOrThrow({ where: { hash } });
  const secrets = row.secretsEncrypted
    ? (JSON.parse(openSecret(row.secretsEncrypted, place(hash))) as Record<string, SecretPart>)
    : {};
  return (JSON.parse(row.objects) as (KubernetesObject & { slipwaySecretKeys?: string[] })[]).map((object, index) => {
    const secret = secrets[index];
    if (!secret) return object;
    const { slipwaySecretKeys: _keys, ...rest } = object;
    return {
      ...rest,
      ...(secret.data ? { data: secret.data } : {}),
      ...(secret.stringData ? { stringData: secret.stringData } : {}),
    } as KubernetesObject;
  });
}

// For people: Secret values shown as a mask (the readable objects have only their keys),
// everything else as applied.
export async function loadReadableManifest(hash: string): Promise<Record<string, unknown>[]> {
  const row = await db.manifest.findUniqueOrThrow({ where: { hash } });
  const objects = (JSON.parse(row.objects) as Record<string, unknown>[]).map((object) => {
    const keys = object.slipwaySecretKeys as string[] | undefined;
    if (!keys) return object;
    const { slipwaySecretKeys: _keys, ...rest } = object;
    return { ...rest, data: Object.fromEntries(keys.map((key) => [key, ""])) };
  });
  return maskSecrets(objects);
}
