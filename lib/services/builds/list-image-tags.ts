import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listTags } from "@/lib/integrations/registry/image-source";
import { loadRegistryAccess } from "@/lib/services/integrations/integration-access";
import { storedMessage, type StoredMessage } from "@/lib/services/integrations/check-integration";
import type { TagSearchInput } from "@/lib/validations/image-tags";
import { knownDigests } from "./known-digests";
import { pickerTarget } from "./picker-target";
import { promotionSource, type PromotionSource } from "./promotion-source";

export const PICKER_LIMIT = 20;

export type PickerTag = {
  tag: string;
  digest: string | null;
  pushedAt: string | null;
  pushedBy: string | null;
  scan: { status: string; critical: number; high: number } | null;
  build: { number: number | null; commit: string | null; branch: string | null; url: string | null } | null;
};

export type TagPicker = {
  registry: string | null;
  repository: string;
  tags: PickerTag[];
  promotion: PromotionSource | null;
  error: StoredMessage | null;
  // Shown tags whose digest Slipway does not know yet (plain OCI registries): the picker asks
  // lookupTagDigests for them after showing the list.
  pendingDigests: string[];
};

// The deploy form's tag picker: the tags of the app's repository in the environment's
// registry, newest first, with digest, push time and pusher, the last scan's counts and the
// Jenkins build that named the image. Artifacts Harbor reported deleted are left out. A
// registry that fails is reported, not thrown: the form still takes a typed tag.
export async function listImageTags(actor: CurrentUser, input: TagSearchInput): Promise<TagPicker> {
  const { app, environment, repository } = await pickerTarget(actor, input);
  const promotion = await promotionSource(app.id, environment);
  const picker: TagPicker = { registry: null, repository, tags: [], promotion, error: null, pendingDigests: [] };
  if (!environment.registryId) return picker;
  const recorded = await db.imageTag.findMany({
    where: { registryId: environment.registryId, repository },
    orderBy: { pushedAt: "asc" },
    select: { tag: true, digest: true, pushedAt: true, pushedBy: true, deletedAt: true },
  });
  const pushes = new Map(recorded.map((row) => [`${row.tag}@${row.digest}`, row]));
  const live = recorded.filter((row) => !row.deletedAt);
  const pushedAt = new Map(live.map((row) => [row.tag, row.pushedAt.toISOString()]));
  // An artifact Harbor reported deleted (all its tags), unless pushed again since.
  const liveDigests = new Set(live.map((row) => row.digest));
  const deleted = new Set(
    recorded.filter((row) => row.deletedAt && !liveDigests.has(row.digest)).map((row) => row.digest),
  );
  try {
    const access = await loadRegistryAccess(environment.registryId);
    picker.registry = access.name;
    const tags = await listTags(access, repository, { search: input.search, limit: PICKER_LIMIT, pushedAt });
    const known = await knownDigests(
      environment.registryId,
      repository,
      tags.filter((entry) => !entry.digest).map((entry) => entry.tag),
    );
    const listed = tags.map((entry) => ({ ...entry, digest: entry.digest ?? known.get(entry.tag) ?? null }));
    picker.pendingDigests = listed.filter((entry) => !entry.digest).map((entry) => entry.tag);
    const shown = listed.filter((entry) => !entry.digest || !deleted.has(entry.digest));
    const digests = shown.map((entry) => entry.digest).filter((digest): digest is string => Boolean(digest));
    const [scans, builds] = await Promise.all([
      db.imageScan.findMany({ where: { digest: { in: digests } } }),
      db.jenkinsBuild.findMany({
        where: { imageRepository: repository, imageTag: { in: shown.map((entry) => entry.tag) } },
        orderBy: { createdAt: "asc" },
      }),
    ]);
    picker.tags = shown.map((entry) => {
      const push = pushes.get(`${entry.tag}@${entry.digest}`);
      const scan = entry.scan ?? scans.find((row) => row.digest === entry.digest) ?? null;
      const build = builds.findLast((row) => row.imageTag === entry.tag);
      return {
        tag: entry.tag,
        digest: entry.digest,
        pushedAt: entry.pushedAt ?? push?.pushedAt.toISOString() ?? null,
        pushedBy: push?.pushedBy ?? null,
        scan: scan ? { status: scan.status, critical: scan.critical, high: scan.high } : null,
        build: build ? { number: build.number, commit: build.commit, branch: build.branch, url: build.buildUrl } : null,
      };
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "unavailable") throw error;
    picker.error = storedMessage(error);
  }
  return picker;
}
