import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { peerFetch, unexpectedStatus, type PeerResponse } from "@/lib/integrations/http";
import { nextLink } from "@/lib/integrations/link-header";
import { basicAuth, registryPeer, type RegistryAccess } from "./registry-access";
import { parseChallenge } from "./www-authenticate";

// The OCI distribution API (any registry: distribution 2.8 and 3.x, Harbor, GHCR...).
// INTEGRATIONS.md §2: tag lists with or without `Link` pagination (2.8 ignores n/last), token
// auth through the WWW-Authenticate challenge, the digest from a manifest HEAD whose Accept
// names the index types too (so a multi-arch tag gives the index digest, the one to pin).

export const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

const PAGE_SIZE = 1000;
const MAX_PAGES = 100;

type Token = { value: string; expiresAt: number };
// Bearer tokens per registry, credentials and scope, reused until shortly before they expire.
const tokens = new Map<string, Token>();

function tokenKey(access: RegistryAccess, scope: string | undefined): string {
  const who = createHash("sha256")
    .update(`${access.username ?? ""}:${access.secret ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  return `${access.id}|${access.url}|${who}|${scope ?? ""}`;
}

function unauthorized(access: RegistryAccess, status: 401 | 403): AppError {
  const host = new URL(access.url).host;
  return status === 401
    ? new AppError("unavailable", `${access.name} (${host}) refused the credentials (401).`, {
        messageKey: "integrations.error.unauthorized",
        values: { peer: access.name, host },
      })
    : new AppError("unavailable", `${access.name} (${host}) denies these credentials access (403).`, {
        messageKey: "integrations.error.forbidden",
        values: { peer: access.name, host },
      });
}

async function fetchToken(access: RegistryAccess, realm: string, service?: string, scope?: string): Promise<string> {
  const key = tokenKey(access, scope);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.value;
  const url = new URL(realm);
  if (service) url.searchParams.set("service", service);
  if (scope) url.searchParams.set("scope", scope);
  const basic = basicAuth(access);
  const peer = registryPeer(access);
  const response = await peerFetch(peer, url, { headers: basic ? { Authorization: basic } : {}, maxBytes: 64 * 1024 });
  if (response.status === 401 || response.status === 403) throw unauthorized(access, response.status);
  if (response.status !== 200) throw unexpectedStatus(peer, url, response.status);
  let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    body = response.json() as typeof body;
  } catch {
    throw unexpectedStatus(peer, url, response.status);
  }
  const value = typeof body.token === "string" ? body.token : body.access_token;
  if (typeof value !== "string" || !value) throw unexpectedStatus(peer, url, response.status);
  const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 60;
  tokens.set(key, { value, expiresAt: Date.now() + Math.max(lifetime - 10, 5) * 1000 });
  return value;
}

// Registries (by id and URL) that took Basic credentials: later calls send them at once
// instead of meeting a 401 first, which halves the round trips of an htpasswd registry.
const wantsBasic = new Set<string>();
const basicKey = (access: RegistryAccess) => `${access.id}|${access.url}`;

// One call to the registry, authenticated as its challenge asks: first with the credentials
// that worked before for this scope, then, after a 401, as its WWW-Authenticate says.
async function registryCall(
  access: RegistryAccess,
  url: URL,
  scope: string | undefined,
  init: { method?: "GET" | "HEAD"; accept?: string; maxBytes?: number } = {},
): Promise<PeerResponse> {
  const peer = registryPeer(access);
  const headers = (authorization?: string): Record<string, string> => ({
    ...(init.accept ? { Accept: init.accept } : {}),
    ...(authorization ? { Authorization: authorization } : {}),
  });
  const cached = tokens.get(tokenKey(access, scope));
  const first =
    cached && cached.expiresAt > Date.now()
      ? `Bearer ${cached.value}`
      : (wantsBasic.has(basicKey(access)) && basicAuth(access)) || undefined;
  const request = { method: init.method ?? "GET", ...(init.maxBytes ? { maxBytes: init.maxBytes } : {}) } as const;
  let response = await peerFetch(peer, url, { ...request, headers: headers(first) });
  if (response.status !== 401) return response;
  const challenge = parseChallenge(response.headers.get("www-authenticate"));
  let authorization: string | null;
  if (challenge?.scheme === "bearer")
    authorization = `Bearer ${await fetchToken(access, challenge.realm, challenge.service, challenge.scope ?? scope)}`;
  else authorization = basicAuth(access);
  if (!authorization) throw unauthorized(access, 401);
  response = await peerFetch(peer, url, { ...request, headers: headers(authorization) });
  if (response.status === 401) throw unauthorized(access, 401);
  if (challenge?.scheme !== "bearer") wantsBasic.add(basicKey(access));
  return response;
}

function repositoryUrl(access: RegistryAccess, repository: string, rest: string): URL {
  const base = access.url.endsWith("/") ? access.url : `${access.url}/`;
  return new URL(`v2/${repository}/${rest}`, base);
}

// Every tag of a repository, following `Link` where the registry pages (distribution v3) and
// taking the whole list where it does not (2.8). An unknown repository has no tags.
export async function listOciTags(access: RegistryAccess, repository: string): Promise<string[]> {
  const scope = `repository:${repository}:pull`;
  const tags: string[] = [];
  let url: URL | null = repositoryUrl(access, repository, `tags/list?n=${PAGE_SIZE}`);
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response = await registryCall(access, url, scope);
    if (response.status === 404) return tags;
    if (response.status === 403) throw unauthorized(access, 403);
    if (response.status !== 200) throw unexpectedStatus(registryPeer(access), url, response.status);
    const body = response.json() as { tags?: unknown };
    if (Array.isArray(body.tags)) tags.push(...body.tags.filter((tag): tag is string => typeof tag === "string"));
    url = nextLink(response.headers.get("link"), url);
  }
  return tags;
}

// The digest a tag (or digest) points to, or null when the registry does not have it.
export async function ociManifestDigest(
  access: RegistryAccess,
  repository: string,
  reference: string,
): Promise<string | null> {
  const scope = `repository:${repository}:pull`;
  const url = repositoryUrl(access, repository, `manifests/${encodeURIComponent(reference)}`);
  const head = await registryCall(access, url, scope, { method: "HEAD", accept: MANIFEST_TYPES });
  if (head.status === 404) return null;
  if (head.status === 403) throw unauthorized(access, 403);
  if (head.status !== 200) throw unexpectedStatus(registryPeer(access), url, head.status);
  const digest = head.headers.get("docker-content-digest");
  if (digest && /^sha256:[a-f0-9]{64}$/.test(digest)) return digest;
  // Older registries may leave the header out: the digest is the SHA-256 of the manifest bytes.
  const get = await registryCall(access, url, scope, { accept: MANIFEST_TYPES, maxBytes: 4 * 1024 * 1024 });
  if (get.status === 404) return null;
  if (get.status !== 200) throw unexpectedStatus(registryPeer(access), url, get.status);
  return `sha256:${createHash("sha256").update(get.body).digest("hex")}`;
}

// GET /v2/: a registry answers 200 (or 401, then 200 with credentials) and names its API
// version in Docker-Distribution-API-Version (distribution) or at least answers JSON.
export async function pingOci(access: RegistryAccess): Promise<void> {
  const url = new URL("v2/", access.url.endsWith("/") ? access.url : `${access.url}/`);
  const response = await registryCall(access, url, undefined);
  if (response.status === 403) throw unauthorized(access, 403);
  const api = response.headers.get("docker-distribution-api-version");
  const json = (response.headers.get("content-type") ?? "").includes("json");
  if (response.status !== 200 || (!api && !json))
    throw new AppError("unavailable", `${access.name} (${url.host}) does not answer as an OCI registry.`, {
      messageKey: "integrations.error.notRegistry",
      values: { peer: access.name, host: url.host },
    });
}
