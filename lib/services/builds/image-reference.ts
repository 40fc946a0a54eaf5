import "server-only";

// An app keeps one repository path (team/web); each environment's registry gives the host. A
// repository stored with a host in front (from before registries were configured) keeps that
// host in environments that name no registry, and loses it in those that do.
export function repositoryPath(imageRepository: string): string {
  const [first = "", ...rest] = imageRepository.split("/");
  const isHost = rest.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  return isHost ? rest.join("/") : imageRepository;
}

export function imageBase(imageRepository: string, registry: { url: string } | null | undefined): string {
  return registry ? `${new URL(registry.url).host}/${repositoryPath(imageRepository)}` : imageRepository;
}

// "host/team/web:1.2.3@sha256:..." -> "1.2.3"; null when the reference has no tag.
export function tagOf(image: string | null): string | null {
  if (!image) return null;
  const withoutDigest = image.split("@")[0] ?? "";
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  return colon >= 0 ? withoutDigest.slice(colon + 1) : null;
}

export function shortDigest(digest: string): string {
  return digest.slice(0, 19);
}
