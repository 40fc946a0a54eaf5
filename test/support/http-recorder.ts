// A loopback HTTP receiver that keeps every request (a webhook channel's endpoint) and answers
// with the status the test sets.
import { createServer, type Server } from "node:http";

export type Recorded = { path: string; headers: Record<string, string>; body: string };

export async function startRecorder(): Promise<{
  url: string;
  requests: Recorded[];
  status: { next: number };
  close(): Promise<void>;
}> {
  const requests: Recorded[] = [];
  const status = { next: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        path: request.url ?? "/",
        headers: Object.fromEntries(
          Object.entries(request.headers).filter((e): e is [string, string] => typeof e[1] === "string"),
        ),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(status.next).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    status,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
