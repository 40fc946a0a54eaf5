import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { tagDigests } from "@/lib/integrations/registry/image-source";
import { storedMessage, type StoredMessage } from "@/lib/services/integrations/check-integration";
import { loadRegistryAccess } from "@/lib/services/integrations/integration-access";
import { AppError } from "@/lib/errors";
import type { TagDigestsInput } from "@/lib/validations/image-tags";
import { pickerTarget } from "./picker-target";

export type TagDigests = {
  digests: { tag: string; digest: string | null; scan: { status: string; critical: number; high: number } | null }[];
  error: StoredMessage | null;
};

// The picker's second step: the digests of the shown tags it does not know, asked from the
// environment's registry a few at a time and remembered (known_digests), so the next picker
// asks for none of them. A registry that fails is reported, not thrown, like the list.
export async function lookupTagDigests(actor: CurrentUser, input: TagDigestsInput): Promise<TagDigests> {
  const { environment, repository } = await pickerTarget(actor, input);
  if (!environment.registryId) return { digests: [], error: null };
  const tags = [...new Set(input.tags)];
  let found: Map<string, string | null>;
  try {
    found = await tagDigests(await loadRegistryAccess(environment.registryId), repository, tags);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "unavailable") throw error;
    return { digests: [], error: storedMessage(error) };
  }
  const seenAt = new Date();
  const known = [...found].flatMap(([tag, digest]) => (digest ? [{ tag, digest }] : []));
  if (known.length > 0)
    await db.$executeRaw`
      INSERT INTO known_digests (registry_id, repository, tag, digest, seen_at)
      SELECT ${environment.registryId}::uuid, ${repository}, tag, digest, ${seenAt}
        FROM unnest(${known.map((row) => row.tag)}::text[], ${known.map((row) => row.digest)}::text[]) AS t(tag, digest)
      ON CONFLICT (registry_id, repository, tag) DO UPDATE SET digest = EXCLUDED.digest, seen_at = EXCLUDED.seen_at`;
  const scans = await db.imageScan.findMany({ where: { digest: { in: known.map((row) => row.digest) } } });
  return {
    digests: tags.map((tag) => {
      const digest = found.get(tag) ?? null;
      const scan = digest ? scans.find((row) => row.digest === digest) : undefined;
      return { tag, digest, scan: scan ? { status: scan.status, critical: scan.critical, high: scan.high } : null };
    }),
    error: null,
  };
}
