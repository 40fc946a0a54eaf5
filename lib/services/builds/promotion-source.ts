import "server-only";
import { db } from "@/lib/db";
import { tagOf } from "./image-reference";

export type PromotionSource = {
  environmentName: string;
  releaseId: string;
  releaseNumber: number;
  image: string;
  tag: string;
  digest: string;
};

// What runs in the environment before this one (by position: dev, test, staging, prod): the
// image of its last succeeded deploy or rollback, when that recorded a digest. Deploying here
// offers exactly those bytes.
export async function promotionSource(
  appId: string,
  environment: { id: string; position: number },
): Promise<PromotionSource | null> {
  const previous = await db.environment.findFirst({
    where: { position: { lt: environment.position }, id: { not: environment.id } },
    orderBy: [{ position: "desc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  if (!previous) return null;
  const release = await db.release.findFirst({
    where: { appId, environmentId: previous.id, status: "succeeded", kind: { in: ["deploy", "rollback"] } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, image: true, imageDigest: true },
  });
  const tag = tagOf(release?.image ?? null);
  if (!release?.image || !release.imageDigest || !tag) return null;
  return {
    environmentName: previous.name,
    releaseId: release.id,
    releaseNumber: release.number,
    image: release.image,
    tag,
    digest: release.imageDigest,
  };
}
