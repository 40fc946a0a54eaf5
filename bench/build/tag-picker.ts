// The tag picker with 2,000 tags in the registry: the server's time to answer it (the
// listImageTags service the picker's action calls), for a real docker-registry (every tag
// listed; digests from what Slipway knows, the rest asked by the picker's second call,
// lookupTagDigests) and for Harbor's API (newest artifacts first, paged), with and without a
// search.
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listImageTags } from "@/lib/services/builds/list-image-tags";
import { lookupTagDigests } from "@/lib/services/builds/lookup-tag-digests";
import type { HarborFake } from "@/test/support/harbor-fake";
import { pushImage, putManifest } from "@/test/support/push-image";
import { progress } from "../deploy/stats";

export const TAGS = 2_000;

// 2,000 tags: 20 images, each under 100 tags (a manifest PUT per tag).
export async function fillRegistry(url: string, repository: string): Promise<void> {
  for (let image = 0; image < TAGS / 100; image++) {
    const { manifest } = await pushImage({ url }, repository, [], `bench-${image}`);
    for (let tag = 0; tag < 100; tag++)
      await putManifest(
        { url },
        repository,
        `${image + 1}.${tag}.0`,
        manifest,
        "application/vnd.oci.image.manifest.v1+json",
      );
    if ((image + 1) % 5 === 0) progress(`registry: ${(image + 1) * 100}/${TAGS} tags pushed`);
  }
}

export function fillHarbor(harbor: HarborFake, repository: string): void {
  const start = Date.now() - TAGS * 60_000;
  for (let i = 0; i < TAGS; i++)
    harbor.push(
      repository,
      `sha256:${i.toString(16).padStart(64, "0")}`,
      [`${Math.floor(i / 100) + 1}.${i % 100}.0`],
      new Date(start + i * 60_000),
    );
}

// Cold: every run starts with no digest known (known_digests emptied); warm: the earlier
// runs' lookups are known.
export async function measurePicker(
  admin: CurrentUser,
  input: { appId: string; environmentId: string; search?: string },
  runs: number,
  options: { cold: boolean; warmUp?: number } = { cold: false },
): Promise<number[]> {
  const times: number[] = [];
  const warmUp = options.warmUp ?? 5;
  for (let run = 0; run < warmUp + runs; run++) {
    if (options.cold) await db.knownDigest.deleteMany({});
    const started = performance.now();
    const picker = await listImageTags(admin, input);
    const elapsed = performance.now() - started;
    if (picker.error || picker.tags.length === 0)
      throw new Error(`the picker answered ${JSON.stringify(picker.error)}`);
    if (!options.cold && picker.pendingDigests.length > 0)
      throw new Error(`the warm picker still misses ${picker.pendingDigests.length} digests`);
    if (run >= warmUp) times.push(elapsed);
  }
  return times;
}

// The picker's second call on a cold list: the digests of the rows shown, asked from the
// registry (a few at a time) and remembered.
export async function measureDigests(
  admin: CurrentUser,
  input: { appId: string; environmentId: string; search?: string },
  runs: number,
  warmUp = 5,
): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < warmUp + runs; run++) {
    await db.knownDigest.deleteMany({});
    const { pendingDigests } = await listImageTags(admin, input);
    const started = performance.now();
    const answer = await lookupTagDigests(admin, { ...input, tags: pendingDigests });
    const elapsed = performance.now() - started;
    if (answer.error || answer.digests.some((row) => !row.digest))
      throw new Error(`the lookup answered ${JSON.stringify(answer.error)}`);
    if (run >= warmUp) times.push(elapsed);
  }
  return times;
}
