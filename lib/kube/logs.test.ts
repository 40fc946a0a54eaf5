import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, kubeconfigFor } from "@/test/kubeconfigs";
import { eventually, kubectl, sandboxClient } from "@/test/sandbox";
import { buildClient } from "./client";
import { parseKubeconfig } from "./kubeconfig";
import { streamLog, type LogRequest } from "./logs";

// kwok serves one canned line as every container's log (sandbox/up.sh) and keeps a follow open.
const CANNED = "simulated container (kwok): no real workload runs in the Slipway sandbox\n";

const admin = sandboxClient("admin");
const slipway = sandboxClient("slipway");
const namespace = `logs-${randomBytes(3).toString("hex")}`;
const request: LogRequest = { namespace, pod: "web", container: "app", tailLines: 200, previous: false, follow: false };
const never = new AbortController().signal;

// Follows open on the API server, from its own gauge of long-running requests.
function openFollows(): number {
  const metrics = kubectl("get", "--raw", "/metrics");
  const line = metrics
    .split("\n")
    .find((l) => l.startsWith("apiserver_longrunning_requests{") && l.includes('subresource="log"'));
  return line ? Number(line.split(" ").pop()) : 0;
}

async function text(fields: Partial<LogRequest>): Promise<string> {
  let all = "";
  for await (const chunk of await streamLog(slipway, { ...request, ...fields }, never)) all += chunk as string;
  return all;
}

beforeAll(async () => {
  await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: namespace } } }));
  const pod = (name: string, nodeSelector?: Record<string, string>) =>
    admin.call((c) =>
      c.core.createNamespacedPod({
        namespace,
        body: { metadata: { name }, spec: { nodeSelector, containers: [{ name: "app", image: "hello:1" }] } },
      }),
    );
  await pod("web");
  // No node matches: the pod never starts.
  await pod("waiting", { "no-such": "node" });
  await eventually("pod Running", async () => {
    const found = await slipway.call((c) => c.core.readNamespacedPod({ name: "web", namespace }));
    return found.status?.phase === "Running";
  });
});

afterAll(async () => {
  await admin.call((c) => c.core.deleteNamespace({ name: namespace }));
});

describe("container logs from the sandbox", () => {
  it("read the tail, also of the previous instance, and an empty log of a pod that never started", async () => {
    expect(await text({})).toBe(CANNED);
    expect(await text({ previous: true, tailLines: 1 })).toBe(CANNED);
    expect(await text({ pod: "waiting" })).toBe("");
    expect(await text({ pod: "waiting", follow: true })).toBe("");
  });

  it("follow: the tail arrives, the connection stays open, and aborting closes it upstream", async () => {
    const before = openFollows();
    const stop = new AbortController();
    const stream = await streamLog(slipway, { ...request, follow: true }, stop.signal);
    const received: string[] = [];
    const done = (async () => {
      for await (const chunk of stream) received.push(chunk as string);
    })();
    await eventually("the tail", async () => received.join("") === CANNED);
    expect(openFollows()).toBe(before + 1);
    stop.abort();
    await done;
    expect(received.join("")).toBe(CANNED);
    await eventually("the follow closed on the API server", async () => openFollows() === before, 10_000);
  });

  it("close the follow when the reader stops reading", async () => {
    const before = openFollows();
    const stream = await streamLog(slipway, { ...request, follow: true }, never);
    for await (const chunk of stream) {
      expect(chunk).toBe(CANNED);
      break;
    }
    await eventually("the follow closed on the API server", async () => openFollows() === before, 10_000);
  });

  it("report what the cluster said when it refuses, or that it cannot be reached", async () => {
    await expect(streamLog(slipway, { ...request, container: "nope", follow: true }, never)).rejects.toMatchObject({
      message: "sandbox-slipway: the cluster answered 400: container nope is not valid for pod web",
    });
    await expect(streamLog(slipway, { ...request, pod: "ghost" }, never)).rejects.toMatchObject({
      kind: "not_found",
      message: 'sandbox-slipway: not found: pods "ghost" not found',
    });
    const down = buildClient(
      "staging",
      parseKubeconfig(kubeconfigFor(`https://127.0.0.1:${await closedPort()}`)).config,
    );
    await expect(streamLog(down, request, never)).rejects.toMatchObject({
      kind: "unreachable",
      message: "staging: cluster unreachable (ECONNREFUSED)",
    });
  });
});
