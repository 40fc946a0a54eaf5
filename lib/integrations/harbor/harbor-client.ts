import "server-only";
import { AppError } from "@/lib/errors";
import { peerFetch, unexpectedStatus } from "@/lib/integrations/http";
import { nextLink } from "@/lib/integrations/link-header";
import {
  basicAuth,
  compareTags,
  isDigestTag,
  registryPeer,
  type RegistryAccess,
  type ScanSummary,
  type TagInfo,
} from "@/lib/integrations/registry/registry-access";

// Harbor's API v2.0 (INTEGRATIONS.md §1.6): artifacts of a repository, newest push first, with
// their tags and scan overview. The repository name after the project is URL-encoded twice
// (a/b -> a%252Fb); pages follow the `Link` header. HTTP Basic with a robot account or a user.

const PAGE_SIZE = 50;
const MAX_PAGES = 20;

type HarborTag = { name?: unknown; push_time?: unknown };
type HarborArtifact = {
  digest?: unknown;
  push_time?: unknown;
  tags?: HarborTag[] | null;
  scan_overview?: Record<string, unknown> | null;
};

function api(access: RegistryAccess, path: string): URL {
  const base = access.url.endsWith("/") ? access.url : `${access.url}/`;
  return new URL(`api/v2.0/${path}`, base);
}

// proj/team/web -> projects/proj/repositories/team%252Fweb
export function artifactsPath(repository: string): string {
  const [project = "", ...rest] = repository.split("/");
  const name = encodeURIComponent(encodeURIComponent(rest.join("/")));
  return `projects/${encodeURIComponent(project)}/repositories/${name}/artifacts`;
}

function headers(access: RegistryAccess): Record<string, string> {
  const basic = basicAuth(access);
  return { Accept: "application/json", ...(basic ? { Authorization: basic } : {}) };
}

function refused(access: RegistryAccess, status: number): AppError {
  const host = new URL(access.url).host;
  const unauthorized = status === 401;
  return new AppError(
    "unavailable",
    unauthorized
      ? `${access.name} (${host}) refused the credentials (401).`
      : `${access.name} (${host}) denies these credentials access (403).`,
    {
      messageKey: unauthorized ? "integrations.error.unauthorized" : "integrations.error.forbidden",
      values: { peer: access.name, host },
    },
  );
}

// Harbor keys scan reports by MIME type; any report with a summary will do.
export function scanSummary(overview: Record<string, unknown> | null | undefined): ScanSummary | null {
  for (const report of Object.values(overview ?? {})) {
    if (!report || typeof report !== "object") continue;
    const r = report as {
      scan_status?: unknown;
      severity?: unknown;
      summary?: { total?: unknown; summary?: Record<string, unknown> };
      scanner?: { name?: unknown };
    };
    const counts = r.summary?.summary ?? {};
    const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
    return {
      status: typeof r.scan_status === "string" ? r.scan_status : "Unknown",
      severity: typeof r.severity === "string" ? r.severity : null,
      critical: number(counts.Critical),
      high: number(counts.High),
      total: number(r.summary?.total),
      scanner: typeof r.scanner?.name === "string" ? r.scanner.name : null,
    };
  }
  return null;
}

function tagsOf(artifact: HarborArtifact): TagInfo[] {
  const digest = typeof artifact.digest === "string" ? artifact.digest : null;
  const scan = scanSummary(artifact.scan_overview);
  return (artifact.tags ?? [])
    .filter((tag): tag is { name: string; push_time?: unknown } => typeof tag.name === "string")
    .filter((tag) => !isDigestTag(tag.name))
    .map((tag) => ({
      tag: tag.name,
      digest,
      pushedAt:
        typeof tag.push_time === "string"
          ? tag.push_time
          : typeof artifact.push_time === "string"
            ? artifact.push_time
            : null,
      scan,
    }));
}

// The newest `limit` tags of a repository (matching `search` when given), as Harbor orders
// artifacts: by push time, newest first. An unknown repository has none.
export async function listHarborTags(
  access: RegistryAccess,
  repository: string,
  options: { search?: string; limit: number },
): Promise<TagInfo[]> {
  const peer = registryPeer(access);
  const url = api(access, artifactsPath(repository));
  url.searchParams.set("page", "1");
  url.searchParams.set("page_size", String(PAGE_SIZE));
  url.searchParams.set("with_tag", "true");
  url.searchParams.set("with_scan_overview", "true");
  url.searchParams.set("q", options.search ? `tags=~${options.search}` : "tags=*");
  const found: TagInfo[] = [];
  let next: URL | null = url;
  for (let page = 0; next && page < MAX_PAGES && found.length < options.limit; page++) {
    const response = await peerFetch(peer, next, { headers: headers(access) });
    if (response.status === 404) return found;
    if (response.status === 401 || response.status === 403) throw refused(access, response.status);
    if (response.status !== 200) throw unexpectedStatus(peer, next, response.status);
    const artifacts = response.json();
    if (!Array.isArray(artifacts)) throw unexpectedStatus(peer, next, response.status);
    for (const artifact of artifacts as HarborArtifact[]) found.push(...tagsOf(artifact));
    next = nextLink(response.headers.get("link"), next);
  }
  // Harbor orders artifacts by their last push (a re-tag counts); people look for tags by theirs.
  const needle = options.search?.toLowerCase();
  return found
    .filter((tag) => !needle || tag.tag.toLowerCase().includes(needle))
    .sort(compareTags)
    .slice(0, options.limit);
}

// The artifact a tag points to (digest, scan), or null when Harbor does not have it.
export async function harborArtifact(
  access: RegistryAccess,
  repository: string,
  reference: string,
): Promise<{ digest: string; scan: ScanSummary | null } | null> {
  const peer = registryPeer(access);
  const url = api(access, `${artifactsPath(repository)}/${encodeURIComponent(reference)}`);
  url.searchParams.set("with_scan_overview", "true");
  url.searchParams.set("with_tag", "true");
  const response = await peerFetch(peer, url, { headers: headers(access) });
  if (response.status === 404) return null;
  if (response.status === 401 || response.status === 403) throw refused(access, response.status);
  if (response.status !== 200) throw unexpectedStatus(peer, url, response.status);
  const artifact = response.json() as HarborArtifact;
  if (typeof artifact.digest !== "string") throw unexpectedStatus(peer, url, response.status);
  return { digest: artifact.digest, scan: scanSummary(artifact.scan_overview) };
}

// Is this a Harbor, and do the credentials work? systeminfo names the version (anonymous);
// a project list with the credentials is refused with 401 when they are wrong.
export async function checkHarbor(access: RegistryAccess): Promise<{ version: string }> {
  const peer = registryPeer(access);
  const info = api(access, "systeminfo");
  const response = await peerFetch(peer, info, { headers: { Accept: "application/json" } });
  let version: unknown;
  try {
    version = response.status === 200 ? (response.json() as { harbor_version?: unknown }).harbor_version : undefined;
  } catch {
    version = undefined;
  }
  if (typeof version !== "string")
    throw new AppError("unavailable", `${access.name} (${info.host}) is not a Harbor (no /api/v2.0/systeminfo).`, {
      messageKey: "integrations.error.notHarbor",
      values: { peer: access.name, host: info.host },
    });
  const projects = api(access, "projects");
  projects.searchParams.set("page_size", "1");
  const listed = await peerFetch(peer, projects, { headers: headers(access) });
  if (listed.status === 401 || listed.status === 403) throw refused(access, listed.status);
  if (listed.status !== 200) throw unexpectedStatus(peer, projects, listed.status);
  return { version };
}
