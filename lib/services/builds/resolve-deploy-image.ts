import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { resolveTag } from "@/lib/integrations/registry/image-source";
import { registryHost, type ScanSummary } from "@/lib/integrations/registry/registry-access";
import { loadRegistryAccess } from "@/lib/services/integrations/integration-access";
import { repositoryPath, shortDigest } from "./image-reference";
import { promotionSource } from "./promotion-source";

export type DeployImageTarget = {
  app: { id: string; imageRepository: string };
  environment: {
    id: string;
    name: string;
    protected: boolean;
    position: number;
    registryId: string | null;
    refuseCritical: boolean;
  };
};

export type ResolvedImage = { image: string; digest: string | null };

// The image a deploy of `tag` runs, checked against the environment's registry before any
// release starts: the tag must exist there; a promoted digest (given, or for a protected
// environment the one the environment before it runs under the same tag) must be the digest
// the registry has, or the deploy is refused saying which; an environment may refuse images
// whose last scan found critical vulnerabilities. Protected environments deploy
// `repo:tag@sha256:...`, so what runs is exactly what was tested; every release records the
// digest. An environment without a registry deploys the app's repository as it is.
export async function resolveDeployImage(
  target: DeployImageTarget,
  input: { tag: string; digest?: string | undefined },
): Promise<ResolvedImage> {
  const { app, environment } = target;
  if (!environment.registryId) {
    const digest = input.digest ?? null;
    await refuseCritical(environment, digest, null);
    return { image: pinned(`${app.imageRepository}:${input.tag}`, digest, environment.protected), digest };
  }
  const access = await loadRegistryAccess(environment.registryId);
  const path = repositoryPath(app.imageRepository);
  const expected = input.digest ?? (environment.protected ? await testedDigest(app.id, environment, input.tag) : null);
  const found = await resolveTag(access, path, input.tag);
  const values = {
    tag: input.tag,
    repository: path,
    registry: access.name,
    env: environment.name,
    expected: expected ? shortDigest(expected) : "",
    found: found ? shortDigest(found.digest) : "",
  };
  if (!found && expected)
    throw new AppError(
      "invalid_input",
      `${path}:${input.tag} (${values.expected}) is not in ${access.name} yet: its replication to ${environment.name}'s registry is pending.`,
      { field: "tag", messageKey: "builds.notReplicated", values },
    );
  if (!found)
    throw new AppError("invalid_input", `There is no tag ${input.tag} of ${path} in ${access.name}.`, {
      field: "tag",
      messageKey: "builds.tagMissing",
      values,
    });
  if (expected && found.digest !== expected)
    throw new AppError(
      "invalid_input",
      `${access.name} has ${path}:${input.tag} as ${values.found}, not the promoted ${values.expected}: a different image carries this tag there.`,
      { field: "tag", messageKey: "builds.digestDiffers", values },
    );
  await refuseCritical(environment, found.digest, found.scan);
  const image = `${registryHost(access)}/${path}:${input.tag}`;
  return { image: pinned(image, found.digest, environment.protected), digest: found.digest };
}

function pinned(image: string, digest: string | null, protectedEnvironment: boolean): string {
  return digest && protectedEnvironment ? `${image}@${digest}` : image;
}

// The digest the environment before this one runs under this tag, if it does.
async function testedDigest(appId: string, environment: { id: string; position: number }, tag: string) {
  const source = await promotionSource(appId, environment);
  return source?.tag === tag ? source.digest : null;
}

// The last scan Harbor reported for these bytes, from the registry's answer or a webhook.
async function refuseCritical(
  environment: { name: string; refuseCritical: boolean },
  digest: string | null,
  scan: ScanSummary | null,
): Promise<void> {
  if (!environment.refuseCritical || !digest) return;
  const critical = scan?.critical ?? (await db.imageScan.findUnique({ where: { digest } }))?.critical ?? 0;
  if (critical > 0)
    throw new AppError(
      "invalid_input",
      `${environment.name} refuses images with critical vulnerabilities; the last scan of ${shortDigest(digest)} found ${critical}.`,
      {
        field: "tag",
        messageKey: "builds.criticalRefused",
        values: { env: environment.name, critical, digest: shortDigest(digest) },
      },
    );
}
