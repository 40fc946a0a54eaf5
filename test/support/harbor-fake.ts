// Harbor cannot run here; this loopback server replays the parts Slipway uses, in the shapes
// INTEGRATIONS.md §1 documents from Harbor's source: the API v2.0 artifact list (repository
// names after the project encoded twice, `page`/`page_size`, `q=tags=*|tags=~x`, newest push
// first, `X-Total-Count` and a " , "-joined relative `Link`), one artifact by reference,
// systeminfo, HTTP Basic for a robot account; and the webhook deliveries Harbor makes (default
// JSON or CloudEvents, `Authorization` sent verbatim, the same bytes on a redelivery).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "./loopback-server";

export type FakeArtifact = {
  digest: string;
  pushedAt: Date;
  tags: { name: string; pushedAt: Date }[];
  scan?: { critical: number; high: number; total: number; severity: string };
};

export type HarborEventInput = {
  type: "PUSH_ARTIFACT" | "DELETE_ARTIFACT" | "SCANNING_COMPLETED";
  repository: string;
  digest: string;
  tag?: string;
  operator?: string;
  scan?: { critical: number; high: number; total: number };
  occurAt?: number;
};

export type Delivery = { status: number; body: unknown; ms: number };

// Where deliveries go: a URL (a running Slipway), or a route handler called in-process.
export type WebhookTarget = string | ((request: Request) => Promise<Response>);

const CLOUD_TYPES = {
  PUSH_ARTIFACT: "harbor.artifact.pushed",
  DELETE_ARTIFACT: "harbor.artifact.deleted",
  SCANNING_COMPLETED: "harbor.scan.completed",
} as const;

const REPORT_MIME = "application/vnd.security.vulnerability.report; version=1.1";

function scanOverview(scan: { critical: number; high: number; total: number }) {
  return {
    [REPORT_MIME]: {
      report_id: randomUUID(),
      scan_status: "Success",
      severity: scan.critical > 0 ? "Critical" : scan.high > 0 ? "High" : "None",
      duration: 3,
      complete_percent: 100,
      scanner: { name: "Trivy", vendor: "Aqua Security", version: "v0.50" },
      summary: { total: scan.total, fixable: 0, summary: { Critical: scan.critical, High: scan.high } },
    },
  };
}

export class HarborFake {
  readonly repositories = new Map<string, FakeArtifact[]>();
  readonly requests: { method: string; path: string; authorization: string | undefined }[] = [];
  credentials: { username: string; password: string } | null = {
    username: "robot$shop+slipway",
    password: "harbor-secret",
  };
  isHarbor = true;
  // The robot account exists but has no rights on the project: 403.
  denied = false;
  private server: Server;
  private lastDelivery: { target: WebhookTarget; headers: Record<string, string>; body: string } | null = null;
  url = "";

  constructor() {
    this.server = createServer((request, response) => this.handle(request, response));
  }

  async start(): Promise<this> {
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  get host(): string {
    return new URL(this.url).host;
  }

  // An artifact pushed with `tags` (a re-tag when the digest is there already).
  push(repository: string, digest: string, tags: string[], pushedAt = new Date()): void {
    const artifacts = this.repositories.get(repository) ?? [];
    const found = artifacts.find((artifact) => artifact.digest === digest);
    const named = tags.map((name) => ({ name, pushedAt }));
    if (found) {
      found.tags.push(...named);
      found.pushedAt = pushedAt;
    } else artifacts.push({ digest, pushedAt, tags: named });
    this.repositories.set(repository, artifacts);
  }

  remove(repository: string, digest: string): void {
    this.repositories.set(
      repository,
      (this.repositories.get(repository) ?? []).filter((artifact) => artifact.digest !== digest),
    );
  }

  // Harbor's POST to the webhook target: the default format or CloudEvents (structured mode).
  async deliver(
    target: WebhookTarget,
    authHeader: string | null,
    input: HarborEventInput,
    format: "default" | "cloudevents" = "default",
  ): Promise<Delivery> {
    const occurAt = input.occurAt ?? Math.floor(Date.now() / 1000);
    const [namespace = "", ...rest] = input.repository.split("/");
    const eventData = {
      resources: [
        {
          digest: input.digest,
          tag: input.tag ?? input.digest,
          resource_url: `${this.host}/${input.repository}${input.tag ? `:${input.tag}` : `@${input.digest}`}`,
          ...(input.scan ? { scan_overview: scanOverview(input.scan) } : {}),
        },
      ],
      repository: {
        date_created: occurAt - 3600,
        name: rest.join("/"),
        namespace,
        repo_full_name: input.repository,
        repo_type: "private",
      },
      ...(input.type === "SCANNING_COMPLETED" ? { scan: { scan_type: "vulnerability" } } : {}),
    };
    const body =
      format === "default"
        ? { type: input.type, occur_at: occurAt, operator: input.operator ?? "admin", event_data: eventData }
        : {
            specversion: "1.0",
            requestid: randomUUID(),
            id: randomUUID(),
            source: "/projects/1/webhook/policies/3",
            type: CLOUD_TYPES[input.type],
            datacontenttype: "application/json",
            time: new Date(occurAt * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
            data: eventData,
            operator: input.operator ?? "admin",
          };
    const headers: Record<string, string> = {
      "Content-Type": format === "default" ? "application/json" : "application/cloudevents+json",
      "User-Agent": "Go-http-client/1.1",
      ...(authHeader ? { Authorization: authHeader } : {}),
    };
    this.lastDelivery = { target, headers, body: JSON.stringify(body) };
    return this.send(this.lastDelivery);
  }

  // A redelivery after a failed or timed-out attempt: exactly the same bytes.
  redeliver(): Promise<Delivery> {
    if (!this.lastDelivery) throw new Error("nothing delivered yet");
    return this.send(this.lastDelivery);
  }

  private async send(delivery: {
    target: WebhookTarget;
    headers: Record<string, string>;
    body: string;
  }): Promise<Delivery> {
    const started = performance.now();
    const init = { method: "POST", headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(3_000) };
    const response =
      typeof delivery.target === "string"
        ? await fetch(delivery.target, init)
        : await delivery.target(new Request("http://slipway.test/api/webhooks/harbor/x", init));
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text
    }
    return { status: response.status, body, ms: performance.now() - started };
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const raw = request.url ?? "/";
    const url = new URL(raw, this.url);
    this.requests.push({ method: request.method ?? "GET", path: raw, authorization: request.headers.authorization });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
    };
    if (url.pathname === "/api/v2.0/systeminfo") {
      if (!this.isHarbor) return void response.writeHead(404).end("404 page not found");
      return json(200, { harbor_version: "v2.13.1-fake", auth_mode: "db_auth", with_notary: false });
    }
    if (!this.authorized(request.headers.authorization))
      return json(401, { errors: [{ code: "UNAUTHORIZED", message: "unauthorized" }] });
    if (this.denied) return json(403, { errors: [{ code: "FORBIDDEN", message: "forbidden" }] });
    if (url.pathname === "/api/v2.0/projects") return json(200, []);
    // Routing as Harbor's does, on the decoded path: a repository name with "/" must arrive
    // encoded twice, or it splits the path and matches nothing.
    const match = /^\/api\/v2\.0\/projects\/([^/]+)\/repositories\/([^/]+)\/artifacts(?:\/([^/]+))?$/.exec(
      decodeURIComponent(url.pathname),
    );
    if (!match) return json(404, { errors: [{ code: "NOT_FOUND", message: "not found" }] });
    const [, project = "", encodedName = "", reference] = match;
    const repository = `${project}/${decodeURIComponent(encodedName)}`;
    const artifacts = [...(this.repositories.get(repository) ?? [])].sort(
      (a, b) => b.pushedAt.getTime() - a.pushedAt.getTime(),
    );
    if (reference) {
      const artifact = artifacts.find((a) => a.digest === reference || a.tags.some((tag) => tag.name === reference));
      return artifact ? json(200, this.artifactJson(artifact)) : json(404, { errors: [{ code: "NOT_FOUND" }] });
    }
    if (!this.repositories.has(repository)) return json(404, { errors: [{ code: "NOT_FOUND" }] });
    const q = url.searchParams.get("q") ?? "";
    const fuzzy = /^tags=~(.*)$/.exec(q)?.[1];
    const filtered = artifacts.filter((artifact) =>
      fuzzy !== undefined
        ? artifact.tags.some((tag) => tag.name.includes(fuzzy))
        : q === "tags=*"
          ? artifact.tags.length > 0
          : true,
    );
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
    const size = Math.min(100, Math.max(1, Number(url.searchParams.get("page_size") ?? 10)));
    const slice = filtered.slice((page - 1) * size, page * size);
    const link = (p: number) => {
      const params = new URLSearchParams(url.searchParams);
      params.set("page", String(p));
      params.set("page_size", String(size));
      return `<${url.pathname}?${decodeURIComponent(params.toString())}>`;
    };
    const links = [
      ...(page > 1 ? [`${link(page - 1)}; rel="prev"`] : []),
      ...(page * size < filtered.length ? [`${link(page + 1)}; rel="next"`] : []),
    ];
    return json(
      200,
      slice.map((artifact) => this.artifactJson(artifact, url.searchParams.get("with_scan_overview") === "true")),
      { "X-Total-Count": String(filtered.length), ...(links.length ? { Link: links.join(" , ") } : {}) },
    );
  }

  private authorized(header: string | undefined): boolean {
    if (!this.credentials) return true;
    const expected = `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString("base64")}`;
    return header === expected;
  }

  private artifactJson(artifact: FakeArtifact, withScan = true) {
    return {
      id: 1,
      type: "IMAGE",
      media_type: "application/vnd.oci.image.config.v1+json",
      manifest_media_type: "application/vnd.oci.image.manifest.v1+json",
      digest: artifact.digest,
      size: 1024,
      push_time: artifact.pushedAt.toISOString(),
      pull_time: "0001-01-01T00:00:00.000Z",
      tags: artifact.tags.map((tag, index) => ({
        id: index + 1,
        name: tag.name,
        push_time: tag.pushedAt.toISOString(),
        pull_time: "0001-01-01T00:00:00.000Z",
        immutable: false,
      })),
      ...(withScan && artifact.scan ? { scan_overview: scanOverview(artifact.scan) } : {}),
    };
  }
}
