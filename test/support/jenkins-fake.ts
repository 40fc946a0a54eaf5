// Jenkins cannot run here; this loopback server replays its remote API as INTEGRATIONS.md §3
// documents it: `POST .../buildWithParameters` (Basic auth with an API token) answering 201
// with `Location: <root>/queue/item/<id>/`, or 303 to the queued item when an identical build
// is already waiting; queue items (`executable` once started, `cancelled`, gone after a while);
// a job's builds with their `queueId`; a build's `building`/`result`; `X-Jenkins` on every
// answer. Jenkins writes its own root URL into Location and build URLs, which need not be the
// URL Slipway calls it by.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "./loopback-server";

type QueueItem = { id: number; job: string; params: string; cancelled: boolean; number: number | null; gone: boolean };
type Build = { number: number; queueId: number; building: boolean; result: string | null };

export class JenkinsFake {
  url = "";
  rootUrl = "https://jenkins.example.test/";
  credentials = { username: "slipway", token: "11aa22bb33cc44dd55ee66ff77889900" };
  readonly jobs = new Map<string, { disabled: boolean; builds: Build[] }>();
  readonly queue = new Map<number, QueueItem>();
  readonly requests: { method: string; path: string; body: string }[] = [];
  private nextQueueId = 100;
  private server: Server;

  constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  async start(): Promise<this> {
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  addJob(job: string, options: { disabled?: boolean } = {}): void {
    this.jobs.set(job, { disabled: options.disabled ?? false, builds: [] });
  }

  // The executor takes the queue item: a build with the next number.
  startBuild(queueId: number): number {
    const item = this.queue.get(queueId)!;
    const job = this.jobs.get(item.job)!;
    const number = job.builds.length + 1;
    job.builds.push({ number, queueId, building: true, result: null });
    item.number = number;
    return number;
  }

  finishBuild(job: string, number: number, result: "SUCCESS" | "FAILURE" | "UNSTABLE" | "ABORTED"): void {
    const build = this.jobs.get(job)!.builds.find((b) => b.number === number)!;
    build.building = false;
    build.result = result;
  }

  // Items leave the queue about five minutes after their build started; then 404.
  vanish(queueId: number): void {
    this.queue.get(queueId)!.gone = true;
  }

  cancel(queueId: number): void {
    this.queue.get(queueId)!.cancelled = true;
  }

  lastQueueId(): number {
    return this.nextQueueId - 1;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const url = new URL(request.url ?? "/", this.url);
    this.requests.push({ method: request.method ?? "GET", path: `${url.pathname}${url.search}`, body });
    const headers = { "X-Jenkins": "2.479.1", "Content-Type": "application/json" };
    const json = (status: number, value: unknown): void => {
      response.writeHead(status, headers).end(JSON.stringify(value));
    };
    const expected = `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.token}`).toString("base64")}`;
    if (request.headers.authorization !== expected)
      return void response.writeHead(401, headers).end("<html>login</html>");
    if (url.pathname === "/api/json") return json(200, { mode: "NORMAL", nodeDescription: "the built-in node" });

    const queue = /^\/queue\/item\/(\d+)\/api\/json$/.exec(url.pathname);
    if (queue) {
      const item = this.queue.get(Number(queue[1]));
      if (!item || item.gone) return void response.writeHead(404, headers).end();
      const jobUrl = `${this.rootUrl}${jobPath(item.job)}`;
      return json(200, {
        _class: item.number ? "hudson.model.Queue$LeftItem" : "hudson.model.Queue$WaitingItem",
        id: item.id,
        cancelled: item.cancelled,
        why: item.number ? null : "In the quiet period.",
        executable: item.number ? { number: item.number, url: `${jobUrl}${item.number}/` } : null,
      });
    }

    const jobMatch = /^((?:\/job\/[^/]+)+)\/(buildWithParameters|api\/json|(\d+)\/api\/json)$/.exec(url.pathname);
    const jobName = jobMatch?.[1]
      ?.split("/job/")
      .filter(Boolean)
      .map((part) => decodeURIComponent(part))
      .join("/");
    const job = jobName ? this.jobs.get(jobName) : undefined;
    if (!jobMatch || !jobName || !job) return void response.writeHead(404, headers).end("<html>Not Found</html>");
    const jobUrl = `${this.rootUrl}${jobPath(jobName)}`;
    if (jobMatch[2] === "buildWithParameters" && request.method === "POST") {
      if (job.disabled) return void response.writeHead(409, headers).end("<html>is not buildable!</html>");
      const waiting = [...this.queue.values()].find(
        (item) => item.job === jobName && item.params === body && item.number === null && !item.cancelled,
      );
      if (waiting)
        return void response.writeHead(303, { ...headers, Location: `${this.rootUrl}queue/item/${waiting.id}/` }).end();
      const id = this.nextQueueId++;
      this.queue.set(id, { id, job: jobName, params: body, cancelled: false, number: null, gone: false });
      return void response.writeHead(201, { ...headers, Location: `${this.rootUrl}queue/item/${id}/` }).end();
    }
    if (jobMatch[3]) {
      const build = job.builds.find((b) => b.number === Number(jobMatch[3]));
      if (!build) return void response.writeHead(404, headers).end();
      return json(200, { ...build, url: `${jobUrl}${build.number}/`, timestamp: Date.now(), duration: 0 });
    }
    return json(200, {
      builds: [...job.builds]
        .reverse()
        .map((b) => ({ number: b.number, url: `${jobUrl}${b.number}/`, queueId: b.queueId })),
    });
  }
}

function jobPath(job: string): string {
  return `${job
    .split("/")
    .map((part) => `job/${encodeURIComponent(part)}`)
    .join("/")}/`;
}
