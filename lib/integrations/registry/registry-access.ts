import "server-only";
import type { Peer } from "@/lib/integrations/http";

// What a client needs to talk to one registry: its URLs and its opened credentials. Built by
// lib/services/integrations from the stored row; never leaves the server.
export type RegistryAccess = {
  id: string;
  name: string;
  kind: "harbor" | "oci";
  url: string;
  tokenUrl: string | null;
  username: string | null;
  secret: string | null;
};

export function registryPeer(access: RegistryAccess): Peer {
  return { name: access.name, urls: [access.url, ...(access.tokenUrl ? [access.tokenUrl] : [])] };
}

// The host images of this registry are pulled from: harbor.example.com, 127.0.0.1:5301.
export function registryHost(access: { url: string }): string {
  return new URL(access.url).host;
}

export function basicAuth(access: RegistryAccess): string | null {
  if (!access.username || access.secret === null) return null;
  return `Basic ${Buffer.from(`${access.username}:${access.secret}`).toString("base64")}`;
}

// The summary of an image's last vulnerability scan, as Harbor reports it.
export type ScanSummary = {
  status: string;
  severity: string | null;
  critical: number;
  high: number;
  total: number;
  scanner: string | null;
};

export type TagInfo = {
  tag: string;
  digest: string | null;
  pushedAt: string | null;
  scan: ScanSummary | null;
};

// A tag that names a digest (Harbor's pushes by digest, multi-arch children, cosign's
// sha256-<hex>.sig) is not something a person picks.
export function isDigestTag(tag: string): boolean {
  return /^sha256[:-][a-f0-9]{64}/.test(tag);
}

// One collator for every comparison: String.localeCompare with options builds one per call,
// which made sorting 2,000 tags take a second.
const versionAware = new Intl.Collator("en", { numeric: true });

// Newest first where push times are known, then by version-aware name, highest first.
export function compareTags(a: { tag: string; pushedAt: string | null }, b: { tag: string; pushedAt: string | null }) {
  const at = a.pushedAt ?? "";
  const bt = b.pushedAt ?? "";
  if (at !== bt) return at < bt ? 1 : -1;
  return versionAware.compare(b.tag, a.tag);
}
