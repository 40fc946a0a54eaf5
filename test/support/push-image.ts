// Pushes images to a registry through the distribution HTTP API, as `docker push` does: blobs
// (POST an upload, PUT its bytes with the digest), then the manifest under a tag. Images are
// deterministic in their seed, so pushing the same seed to a second registry ("replication")
// gives the same digest there, and pushing the manifest under another tag is a re-tag.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export type PushTarget = { url: string; authorization?: (repository: string) => string };

const sha256 = (bytes: Buffer) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

function headers(target: PushTarget, repository: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, ...(target.authorization ? { Authorization: target.authorization(repository) } : {}) };
}

async function pushBlob(target: PushTarget, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const head = await fetch(`${target.url}/v2/${repository}/blobs/${digest}`, {
    method: "HEAD",
    headers: headers(target, repository),
  });
  if (head.status === 200) return digest;
  const start = await fetch(`${target.url}/v2/${repository}/blobs/uploads/`, {
    method: "POST",
    headers: headers(target, repository),
  });
  if (start.status !== 202) throw new Error(`blob upload start: HTTP ${start.status}`);
  const location = new URL(start.headers.get("location") ?? "", target.url);
  location.searchParams.set("digest", digest);
  const put = await fetch(location, {
    method: "PUT",
    headers: headers(target, repository, { "Content-Type": "application/octet-stream" }),
    body: new Uint8Array(bytes),
  });
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status}`);
  return digest;
}

export async function putManifest(
  target: PushTarget,
  repository: string,
  reference: string,
  manifest: Buffer,
  mediaType: string,
): Promise<string> {
  const response = await fetch(`${target.url}/v2/${repository}/manifests/${reference}`, {
    method: "PUT",
    headers: headers(target, repository, { "Content-Type": mediaType }),
    body: new Uint8Array(manifest),
  });
  if (response.status !== 201) throw new Error(`manifest ${repository}:${reference}: HTTP ${response.status}`);
  return response.headers.get("docker-content-digest") ?? sha256(manifest);
}

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";

// One single-platform image made from `seed`: its blobs, manifest and digest.
export function buildImage(seed: string, platform = { architecture: "amd64", os: "linux" }) {
  const layer = gzipSync(Buffer.from(`layer of ${seed}\n`), { level: 9 });
  const config = Buffer.from(
    JSON.stringify({
      ...platform,
      config: { Labels: { seed } },
      rootfs: { type: "layers", diff_ids: [sha256(layer)] },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST,
      config: { mediaType: "application/vnd.oci.image.config.v1+json", size: config.length, digest: sha256(config) },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", size: layer.length, digest: sha256(layer) }],
    }),
  );
  return { config, layer, manifest, digest: sha256(manifest) };
}

// That image pushed under each tag (by digest when there is none).
export async function pushImage(
  target: PushTarget,
  repository: string,
  tags: string[],
  seed: string,
  platform = { architecture: "amd64", os: "linux" },
): Promise<{ digest: string; manifest: Buffer }> {
  const image = buildImage(seed, platform);
  await pushBlob(target, repository, image.config);
  await pushBlob(target, repository, image.layer);
  let digest = image.digest;
  for (const tag of tags.length > 0 ? tags : [digest])
    digest = await putManifest(target, repository, tag, image.manifest, MANIFEST);
  return { digest, manifest: image.manifest };
}

// A multi-arch image: two children pushed by digest, then the index under the tag.
export async function pushIndex(
  target: PushTarget,
  repository: string,
  tag: string,
  seed: string,
): Promise<{ digest: string; children: string[] }> {
  const children = [];
  for (const architecture of ["amd64", "arm64"]) {
    const child = await pushImage(target, repository, [], `${seed}-${architecture}`, { architecture, os: "linux" });
    children.push({ digest: child.digest, size: child.manifest.length, architecture });
  }
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: INDEX,
      manifests: children.map((child) => ({
        mediaType: MANIFEST,
        digest: child.digest,
        size: child.size,
        platform: { architecture: child.architecture, os: "linux" },
      })),
    }),
  );
  const digest = await putManifest(target, repository, tag, index, INDEX);
  return { digest, children: children.map((child) => child.digest) };
}
