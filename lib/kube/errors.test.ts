import { createServer, type Server, type Socket } from "node:net";
import { ApiException } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, kubeconfigFor } from "@/test/kubeconfigs";
import { buildClient } from "./client";
import { parseKubeconfig } from "./kubeconfig";
import { KubeError, toKubeError, withTimeout } from "./errors";

// A TCP server that accepts connections and never answers: a black-holed API server.
let silent: Server;
let silentPort = 0;
const sockets = new Set<Socket>();
beforeAll(async () => {
  silent = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

function client(server: string) {
  return buildClient("staging", parseKubeconfig(kubeconfigFor(server)).config);
}

describe("Kubernetes errors", () => {
  it("turn a 422 Status into the field and message", () => {
    const status = {
      kind: "Status",
      message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      reason: "Invalid",
      details: {
        causes: [{ field: "spec.replicas", message: "Invalid value: -1: must be greater than or equal to 0" }],
      },
    };
    const error = toKubeError(new ApiException(422, "invalid", JSON.stringify(status), {}), "staging");
    expect(error).toMatchObject({ kind: "invalid", details: { field: "spec.replicas" } });
    expect(error.message).toBe("staging: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  });

  it("name conflicts, refusals and missing objects", () => {
    const status = (message: string) => JSON.stringify({ kind: "Status", message });
    expect(toKubeError(new ApiException(409, "", status("the object has been modified"), {}), "prod").message).toBe(
      "prod: conflict: the object has been modified",
    );
    expect(
      toKubeError(
        new ApiException(403, "", status('deployments.apps is forbidden: User "x" cannot create'), {}),
        "prod",
      ).kind,
    ).toBe("forbidden");
    expect(toKubeError(new ApiException(404, "", status('deployments.apps "web" not found'), {}), "prod").kind).toBe(
      "not_found",
    );
  });

  it("report a refused connection as an unreachable cluster, naming the environment", async () => {
    const started = Date.now();
    const error = await client(`https://127.0.0.1:${await closedPort()}`)
      .call((c) => c.version.getCode())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeError);
    expect(error).toMatchObject({
      kind: "unreachable",
      message: expect.stringMatching(/^staging: cluster unreachable/),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("give up on a server that never answers within the bound", async () => {
    const started = Date.now();
    const error = await withTimeout(
      client(`https://127.0.0.1:${silentPort}`).version.getCode(),
      1_000,
      "staging",
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout", message: "staging: cluster unreachable (no answer within 1s)" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("TLS failures", () => {
  it("say that the cluster's certificate has expired", async () => {
    const { generate } = await import("selfsigned");
    const day = 24 * 3600 * 1000;
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      notBeforeDate: new Date(Date.now() - 30 * day),
      notAfterDate: new Date(Date.now() - day),
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    const { createServer: createHttpsServer } = await import("node:https");
    const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end("{}"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const kubeconfig = kubeconfigFor(`https://127.0.0.1:${port}`).replace(
        "    insecure-skip-tls-verify: true",
        `    certificate-authority-data: ${Buffer.from(pems.cert).toString("base64")}`,
      );
      const error = await buildClient("prod", parseKubeconfig(kubeconfig).config)
        .call((c) => c.version.getCode())
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        kind: "tls",
        message: "prod: the cluster's certificate has expired (CERT_HAS_EXPIRED)",
      });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
