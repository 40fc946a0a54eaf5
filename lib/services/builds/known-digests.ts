import "server-only";
import { db } from "@/lib/db";

// How long a looked-up digest is trusted without news of the tag. A plain registry tells
// nobody when a tag moves; the picker only shows digests (a deploy asks the registry again),
// so a moved tag shows its old digest at most this long.
export const KNOWN_DIGEST_TTL_MS = 15 * 60_000;

// What Slipway knows of the digests of these tags of a repository in a registry, so the picker
// asks the registry for none of them: a push recorded from a webhook, or an earlier lookup
// (known_digests) unless a newer push or a Jenkins build of the tag came after it.
export async function knownDigests(
  registryId: string,
  repository: string,
  tags: string[],
  now = new Date(),
): Promise<Map<string, string>> {
  if (tags.length === 0) return new Map();
  const [looked, pushed, built] = await Promise.all([
    db.knownDigest.findMany({
      where: {
        registryId,
        repository,
        tag: { in: tags },
        seenAt: { gt: new Date(now.getTime() - KNOWN_DIGEST_TTL_MS) },
      },
    }),
    db.imageTag.findMany({
      where: { registryId, repository, tag: { in: tags }, deletedAt: null },
      orderBy: { pushedAt: "asc" },
      select: { tag: true, digest: true, pushedAt: true },
    }),
    db.jenkinsBuild.groupBy({
      by: ["imageTag"],
      where: { imageRepository: repository, imageTag: { in: tags } },
      _max: { updatedAt: true },
    }),
  ]);
  const known = new Map<string, { digest: string; at: Date }>();
  for (const row of pushed) known.set(row.tag, { digest: row.digest, at: row.pushedAt });
  const lastBuild = new Map(built.map((row) => [row.imageTag, row._max.updatedAt]));
  for (const row of looked) {
    const push = known.get(row.tag);
    const build = lastBuild.get(row.tag);
    if ((!push || push.at < row.seenAt) && (!build || build < row.seenAt))
      known.set(row.tag, { digest: row.digest, at: row.seenAt });
  }
  return new Map([...known].map(([tag, { digest }]) => [tag, digest]));
}
