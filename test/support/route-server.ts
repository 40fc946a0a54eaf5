// Serves one Next.js route handler over real HTTP on loopback, so peers that cannot call a
// function (Alertmanager) reach Slipway's code in vitest as they would reach the console.
import { createServer, type Server } from "node:http";

type Handler = (request: Request) => Promise<Response>;

export async function serveRoute(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  return serveRouteOn(handler, 0);
}

export async function serveRouteOn(handler: Handler, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers))
        if (typeof value === "string") headers.set(name, value);
      const response = await handler(
        new Request(`http://127.0.0.1${incoming.url ?? "/"}`, {
          method: incoming.method ?? "GET",
          headers,
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        }),
      );
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      console.error(error);
      outgoing.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
