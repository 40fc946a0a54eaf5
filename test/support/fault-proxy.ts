// A proxy on loopback in front of the sandbox's apiserver, for what a client sees when things
// go wrong between it and the server. It serves the apiserver's own certificate (so clients
// trust it as the apiserver) and forwards every request to the real apiserver. `drop()` cuts
// every open connection (a dropped connection); `down()` also refuses new ones until `up()` (an
// apiserver restart as seen from outside); `expireNextWatch()` answers the next watch the way
// the apiserver answers one whose resourceVersion was compacted away: a watch ERROR event with
// a 410 Expired Status (what a long-running cluster does after etcd compaction);
// `holdWatches()` keeps what open watches deliver from reaching the client until
// `releaseWatches()` (watch events in flight: a cache lagging behind a change);
// `slowRequests(pattern, ms)` makes requests other than watches whose path matches wait `ms`
// before they go on (a slow list of one collection).
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, request, type Server } from "node:https";
import type { Socket } from "node:net";
import { join } from "node:path";
import { sandboxKubeconfig } from "../sandbox";
import { freePort } from "./free-port";

export class FaultProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private expire = false;
  private held = false;
  private slow: { pattern: RegExp; ms: number } | null = null;
  private readonly watches = new Set<{ from: IncomingMessage; to: ServerResponse }>();

  private constructor(
    readonly port: number,
    private readonly sandbox: { dir: string; port: number },
  ) {}

  static async start(sandbox: { dir: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy(await freePort(), sandbox);
    await proxy.up();
    return proxy;
  }

  // Slipway's kubeconfig for the sandbox, through this proxy.
  slipwayKubeconfig(): string {
    return sandboxKubeconfig("slipway").replace(/https:\/\/127\.0\.0\.1:\d+/g, `https://127.0.0.1:${this.port}`);
  }

  expireNextWatch(): void {
    this.expire = true;
  }

  holdWatches(): void {
    this.held = true;
    for (const { from, to } of this.watches) from.unpipe(to);
  }

  releaseWatches(): void {
    this.held = false;
    for (const { from, to } of this.watches) from.pipe(to);
  }

  slowRequests(pattern: RegExp, ms: number): void {
    this.slow = { pattern, ms };
  }

  async up(): Promise<void> {
    if (this.server) return;
    const pki = join(this.sandbox.dir, "pki");
    const ca = readFileSync(join(pki, "ca.crt"));
    const server = createServer(
      { cert: readFileSync(join(pki, "apiserver.crt")), key: readFileSync(join(pki, "apiserver.key")) },
      (incoming, outgoing) => {
        const watch = (incoming.url ?? "").includes("watch=true");
        if (watch && this.expire) {
          this.expire = false;
          outgoing.writeHead(200, { "content-type": "application/json" });
          outgoing.end(
            `${JSON.stringify({
              type: "ERROR",
              object: {
                kind: "Status",
                apiVersion: "v1",
                status: "Failure",
                reason: "Expired",
                code: 410,
                message: "too old resource version",
              },
            })}\n`,
          );
          return;
        }
        const forward = () => {
          const upstream = request(
            {
              host: "127.0.0.1",
              port: this.sandbox.port,
              path: incoming.url,
              method: incoming.method,
              headers: incoming.headers,
              ca,
            },
            (response) => {
              outgoing.writeHead(response.statusCode ?? 502, response.headers);
              // As the apiserver does: a quiet watch is connected once its headers arrive, not
              // with its first event (Node holds written headers back until the first body byte).
              outgoing.flushHeaders();
              if (watch) {
                const stream = { from: response, to: outgoing };
                this.watches.add(stream);
                response.on("close", () => this.watches.delete(stream));
              }
              if (!(watch && this.held)) response.pipe(outgoing);
            },
          );
          upstream.on("error", () => outgoing.destroy());
          outgoing.on("close", () => upstream.destroy());
          incoming.pipe(upstream);
        };
        const slow = this.slow;
        if (!watch && slow?.pattern.test(incoming.url ?? "")) setTimeout(forward, slow.ms);
        else forward();
      },
    );
    server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", resolve);
    });
    this.server = server;
  }

  drop(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.drop();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
