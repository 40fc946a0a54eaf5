import "server-only";
import { AppError } from "@/lib/errors";
import { peerFetch, unexpectedStatus, type Peer } from "@/lib/integrations/http";

// Jenkins' remote API (INTEGRATIONS.md §3): buildWithParameters with an API token (Basic auth,
// exempt from CSRF crumbs), the queue item it answers with, and the build the item becomes.
// Jenkins writes its own root URL into Location and `executable.url`; Slipway calls the URL
// the admin configured and keeps only the ids from those answers.

export type JenkinsAccess = { id: string; name: string; url: string; username: string; token: string | null };

export function jenkinsPeer(access: JenkinsAccess): Peer {
  return { name: access.name, urls: [access.url] };
}

function base(access: JenkinsAccess): string {
  return access.url.endsWith("/") ? access.url : `${access.url}/`;
}

// folder/app -> job/folder/job/app/
export function jobPath(job: string): string {
  return `${job
    .split("/")
    .filter(Boolean)
    .map((part) => `job/${encodeURIComponent(part)}`)
    .join("/")}/`;
}

function headers(access: JenkinsAccess): Record<string, string> {
  return {
    Accept: "application/json",
    ...(access.token
      ? { Authorization: `Basic ${Buffer.from(`${access.username}:${access.token}`).toString("base64")}` }
      : {}),
  };
}

function refused(access: JenkinsAccess, status: number): AppError {
  const host = new URL(access.url).host;
  const values = { peer: access.name, host };
  if (status === 401)
    return new AppError("unavailable", `${access.name} (${host}) refused the credentials (401).`, {
      messageKey: "integrations.error.unauthorized",
      values,
    });
  return new AppError("unavailable", `${access.name} (${host}) denies these credentials access (403).`, {
    messageKey: "integrations.error.forbidden",
    values,
  });
}

export function queueIdOf(location: string): number | null {
  const match = /\/queue\/item\/(\d+)\/?$/.exec(new URL(location, "http://x").pathname);
  return match ? Number(match[1]) : null;
}

export function queueUrl(access: JenkinsAccess, id: number): string {
  return `${base(access)}queue/item/${id}/`;
}

// Starts the job. 201 answers with a new queue item; newer cores answer 303 with the existing
// one when an identical build is already queued.
export async function triggerBuild(
  access: JenkinsAccess,
  job: string,
  parameters: Record<string, string>,
): Promise<{ queueId: number; duplicate: boolean }> {
  const peer = jenkinsPeer(access);
  const url = new URL(`${jobPath(job)}buildWithParameters`, base(access));
  url.searchParams.set("delay", "0sec");
  const response = await peerFetch(peer, url, {
    method: "POST",
    headers: { ...headers(access), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(parameters),
  });
  const values = { peer: access.name, job };
  if (response.status === 401 || response.status === 403) throw refused(access, response.status);
  if (response.status === 404)
    throw new AppError("invalid_input", `${access.name} has no job ${job}.`, {
      field: "job",
      messageKey: "builds.jenkins.noJob",
      values,
    });
  if (response.status === 409)
    throw new AppError("conflict", `The job ${job} on ${access.name} is disabled.`, {
      field: "job",
      messageKey: "builds.jenkins.disabled",
      values,
    });
  const location = response.headers.get("location");
  const queueId = location ? queueIdOf(location) : null;
  if ((response.status !== 201 && response.status !== 303) || queueId === null)
    throw unexpectedStatus(peer, url, response.status);
  return { queueId, duplicate: response.status === 303 };
}

export type QueueState =
  { state: "waiting" } | { state: "started"; number: number } | { state: "cancelled" } | { state: "gone" };

// Items leave the queue ~5 minutes after their build starts; then 404.
export async function readQueueItem(access: JenkinsAccess, queueId: number): Promise<QueueState> {
  const peer = jenkinsPeer(access);
  const url = new URL(`queue/item/${queueId}/api/json`, base(access));
  const response = await peerFetch(peer, url, { headers: headers(access) });
  if (response.status === 404) return { state: "gone" };
  if (response.status === 401 || response.status === 403) throw refused(access, response.status);
  if (response.status !== 200) throw unexpectedStatus(peer, url, response.status);
  const item = response.json() as { cancelled?: unknown; executable?: { number?: unknown } | null };
  if (item.cancelled === true) return { state: "cancelled" };
  const number = item.executable?.number;
  return typeof number === "number" ? { state: "started", number } : { state: "waiting" };
}

// After the queue item expired: every build exports the queue id it came from.
export async function findBuildByQueueId(access: JenkinsAccess, job: string, queueId: number): Promise<number | null> {
  const peer = jenkinsPeer(access);
  const url = new URL(`${jobPath(job)}api/json`, base(access));
  url.searchParams.set("tree", "builds[number,url,queueId]");
  const response = await peerFetch(peer, url, { headers: headers(access) });
  if (response.status === 404) return null;
  if (response.status === 401 || response.status === 403) throw refused(access, response.status);
  if (response.status !== 200) throw unexpectedStatus(peer, url, response.status);
  const builds = (response.json() as { builds?: { number?: unknown; queueId?: unknown }[] }).builds ?? [];
  const build = builds.find((entry) => entry.queueId === queueId);
  return typeof build?.number === "number" ? build.number : null;
}

export type BuildState = { building: boolean; result: string | null; url: string | null };

export async function readBuild(access: JenkinsAccess, job: string, number: number): Promise<BuildState | null> {
  const peer = jenkinsPeer(access);
  const url = new URL(`${jobPath(job)}${number}/api/json`, base(access));
  url.searchParams.set("tree", "number,url,building,result,timestamp,duration,queueId");
  const response = await peerFetch(peer, url, { headers: headers(access) });
  if (response.status === 404) return null;
  if (response.status === 401 || response.status === 403) throw refused(access, response.status);
  if (response.status !== 200) throw unexpectedStatus(peer, url, response.status);
  const build = response.json() as { building?: unknown; result?: unknown; url?: unknown };
  return {
    building: build.building === true,
    result: typeof build.result === "string" ? build.result : null,
    url: typeof build.url === "string" ? build.url : null,
  };
}

// Is it a Jenkins (X-Jenkins on every API page), and may these credentials read it?
export async function checkJenkins(access: JenkinsAccess): Promise<{ version: string }> {
  const peer = jenkinsPeer(access);
  const url = new URL("api/json", base(access));
  url.searchParams.set("tree", "mode");
  const response = await peerFetch(peer, url, { headers: headers(access) });
  if (response.status === 401 || response.status === 403) throw refused(access, response.status);
  const version = response.headers.get("x-jenkins");
  if (!version)
    throw new AppError("unavailable", `${access.name} (${url.host}) is not a Jenkins (no X-Jenkins header).`, {
      messageKey: "integrations.error.notJenkins",
      values: { peer: access.name, host: url.host },
    });
  if (response.status !== 200) throw unexpectedStatus(peer, url, response.status);
  return { version };
}
