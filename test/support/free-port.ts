import { createServer } from "node:net";

// A port on loopback that nothing listens on right now (the kernel's choice of an ephemeral
// one), for a server that cannot be told to pick its own.
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
