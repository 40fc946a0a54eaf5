import { createServer, connect, type Server, type Socket } from "node:net";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { PatchStrategy, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxClient, sandboxKubeconfig } from "@/test/sandbox";
import { buildClient, type KubeClient } from "./client";
import { parseKubeconfig } from "./kubeconfig";

// A TCP relay in front of the sandbox apiserver that counts the connections Slipway opens, and
// can cut them all, as an apiserver restart or a dropped network path does.
type Relay = { port: number; opened: () => number; cut: () => void; close: () => Promise<void> };

async function relayTo(upstreamPort: number): Promise<Relay> {
  let opened = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    opened += 1;
    const upstream = connect(upstreamPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    opened: () => opened,
    cut: () => sockets.forEach((socket) => socket.destroy()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function clientThrough(relay: Relay): KubeClient {
  const text = sandboxKubeconfig("admin").replace(
    /server: https:\/\/127\.0\.0\.1:\d+/,
    `server: https://127.0.0.1:${relay.port}`,
  );
  return buildClient(`relay-${relay.port}`, parseKubeconfig(text).config);
}

const admin = sandboxClient("admin");
const namespace = `conn-${randomBytes(3).toString("hex")}`;
let relay: Relay;

beforeAll(async () => {
  const port = Number(/server: https:\/\/127\.0\.0\.1:(\d+)/.exec(sandboxKubeconfig("admin"))![1]);
  relay = await relayTo(port);
  await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: namespace } } }));
});

afterAll(async () => {
  await admin.call((c) => c.core.deleteNamespace({ name: namespace })).catch(() => undefined);
  await relay?.close();
});

const configMap = (value: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "settings", namespace },
  data: { value },
});

async function apply(client: KubeClient, value: string): Promise<string | undefined> {
  const applied = await client.call((c) =>
    c.objects.patch(configMap(value), undefined, undefined, "slipway", true, PatchStrategy.ServerSideApply),
  );
  return (applied as { data?: Record<string, string> }).data?.value;
}

describe("connections to a cluster", () => {
  it("are kept and reused across a client's requests, reads and applies alike", async () => {
    const client = clientThrough(relay);
    const before = relay.opened();
    for (let i = 0; i < 5; i += 1) await client.call((c) => c.core.readNamespace({ name: namespace }));
    for (let i = 0; i < 5; i += 1) expect(await apply(client, `v${i}`)).toBe(`v${i}`);
    // One connection for ten sequential requests (client-node alone opens one per request).
    expect(relay.opened() - before).toBe(1);
  });

  it("a deploy right after the apiserver dropped every connection goes through on a new one", async () => {
    const client = clientThrough(relay);
    expect(await apply(client, "before")).toBe("before");
    const before = relay.opened();
    relay.cut();
    // The very next apply, and a burst right after it: none fails on the dead connection.
    expect(await apply(client, "after")).toBe("after");
    const burst = await Promise.all(["a", "b", "c"].map((value) => apply(client, `after-${value}`)));
    expect(burst).toEqual(["after-a", "after-b", "after-c"]);
    expect(relay.opened() - before).toBeGreaterThanOrEqual(1);
    const read = await admin.call((c) => c.core.readNamespacedConfigMap({ name: "settings", namespace }));
    expect(read.data?.value).toMatch(/^after-[abc]$/);
  });

  it("an apiserver that is gone is still reported as unreachable, at once", async () => {
    const gone = await relayTo(1);
    const client = clientThrough(gone);
    await gone.close();
    const started = Date.now();
    await expect(apply(client, "never")).rejects.toThrow(/cluster unreachable \(ECONNREFUSED\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a watch and the requests beside it share the pool without blocking each other", async () => {
    const client = clientThrough(relay);
    const seen: string[] = [];
    const watch = await new Watch(client.config).watch(
      `/api/v1/namespaces/${namespace}/configmaps`,
      {},
      (_type, object: { data?: Record<string, string> }) => seen.push(object.data?.value ?? ""),
      () => undefined,
    );
    try {
      expect(await apply(client, "watched")).toBe("watched");
      await expect.poll(() => seen.includes("watched"), { timeout: 10_000 }).toBe(true);
    } finally {
      watch.abort();
    }
  });
});
