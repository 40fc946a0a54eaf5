import "server-only";
import { checkHarbor, harborArtifact, listHarborTags } from "@/lib/integrations/harbor/harbor-client";
import { listOciTags, ociManifestDigest, pingOci } from "./oci-client";
import { compareTags, isDigestTag, type RegistryAccess, type ScanSummary, type TagInfo } from "./registry-access";

// One face for both kinds of registry: Harbor through its API v2.0 (push times, scans), any
// other through the OCI distribution API.

export async function resolveTag(
  access: RegistryAccess,
  repository: string,
  tag: string,
): Promise<{ digest: string; scan: ScanSummary | null } | null> {
  if (access.kind === "harbor") return harborArtifact(access, repository, tag);
  const digest = await ociManifestDigest(access, repository, tag);
  return digest ? { digest, scan: null } : null;
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// The newest `limit` tags (matching `search`). An OCI registry knows no push times: the ones
// Slipway recorded from pushes order the list where known. Its digests are not asked here (a
// manifest HEAD per tag): the picker shows the list at once and asks tagDigests for the rows
// whose digest it does not know yet.
export async function listTags(
  access: RegistryAccess,
  repository: string,
  options: { search?: string; limit: number; pushedAt: Map<string, string> },
): Promise<TagInfo[]> {
  if (access.kind === "harbor") return listHarborTags(access, repository, options);
  const needle = options.search?.toLowerCase();
  const names = (await listOciTags(access, repository)).filter(
    (tag) => !isDigestTag(tag) && (!needle || tag.toLowerCase().includes(needle)),
  );
  return names
    .map((tag) => ({ tag, pushedAt: options.pushedAt.get(tag) ?? null, digest: null, scan: null }))
    .sort(compareTags)
    .slice(0, options.limit);
}

// The digests of a few tags, asked `concurrency` at a time: enough to overlap the round trips,
// few enough not to flood a registry (or, on loopback, the cores it shares with Slipway).
export async function tagDigests(
  access: RegistryAccess,
  repository: string,
  tags: string[],
  concurrency = 6,
): Promise<Map<string, string | null>> {
  const digests = await mapLimit(tags, concurrency, async (tag) =>
    access.kind === "harbor"
      ? ((await harborArtifact(access, repository, tag))?.digest ?? null)
      : ociManifestDigest(access, repository, tag),
  );
  return new Map(tags.map((tag, index) => [tag, digests[index] ?? null]));
}

export async function checkRegistry(access: RegistryAccess): Promise<{ version: string | null }> {
  if (access.kind === "harbor") return checkHarbor(access);
  await pingOci(access);
  return { version: null };
}
