import { randomBytes } from "node:crypto";
import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { eventually, kubectl, sandboxClient } from "@/test/sandbox";
import type { KubeClient } from "./client";
import { formatAge, summarisePod } from "./pods";

const admin = sandboxClient("admin");
const slipway = sandboxClient("slipway");
const now = new Date("2026-03-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

function pod(spec: Partial<NonNullable<V1Pod["spec"]>>, status: V1Pod["status"], deleting = false): V1Pod {
  return {
    metadata: { name: "web-1", creationTimestamp: ago(300), ...(deleting ? { deletionTimestamp: ago(5) } : {}) },
    spec: { containers: [{ name: "web", image: "hello:1" }], ...spec },
    status,
  };
}

describe("pod summaries read like kubectl get pods", () => {
  it("name the waiting or terminated reason of a container, with restarts and the last restart", () => {
    const crashing = summarisePod(
      pod(
        {},
        {
          phase: "Running",
          containerStatuses: [
            {
              name: "web",
              image: "hello:1",
              imageID: "",
              ready: false,
              restartCount: 4,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(90) } },
            },
          ],
        },
      ),
      now,
    );
    expect(crashing).toMatchObject({
      status: "CrashLoopBackOff",
      readyContainers: 0,
      totalContainers: 1,
      restarts: 4,
      lastRestart: "90s",
      age: "5m",
      images: ["hello:1"],
    });
    const killed = (exitCode: number, signal?: number) =>
      summarisePod(
        pod(
          {},
          {
            phase: "Running",
            containerStatuses: [
              {
                name: "web",
                image: "",
                imageID: "",
                ready: false,
                restartCount: 0,
                state: { terminated: { exitCode, signal } },
              },
            ],
          },
        ),
        now,
      ).status;
    expect(killed(137, 9)).toBe("Signal:9");
    expect(killed(2)).toBe("ExitCode:2");
  });

  it("show init containers in progress or failing, and count sidecars as containers", () => {
    const init = (state: NonNullable<V1Pod["status"]>["initContainerStatuses"]) =>
      summarisePod(
        pod(
          { initContainers: [{ name: "migrate" }, { name: "warm" }] },
          { phase: "Pending", initContainerStatuses: state },
        ),
        now,
      );
    const base = { name: "migrate", image: "", imageID: "", ready: false, restartCount: 0 };
    expect(init([{ ...base, state: { waiting: { reason: "PodInitializing" } } }]).status).toBe("Init:0/2");
    expect(
      init([
        { ...base, state: { terminated: { exitCode: 0 } } },
        { ...base, name: "warm", restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } } },
      ]),
    ).toMatchObject({ status: "Init:CrashLoopBackOff", restarts: 3, containers: ["web", "migrate", "warm"] });
    expect(init([{ ...base, state: { terminated: { exitCode: 3 } } }]).status).toBe("Init:ExitCode:3");

    const sidecar = summarisePod(
      pod(
        { initContainers: [{ name: "proxy", restartPolicy: "Always" }] },
        {
          phase: "Running",
          conditions: [{ type: "Initialized", status: "True" }],
          initContainerStatuses: [
            { ...base, name: "proxy", started: true, ready: true, restartCount: 1, state: { running: {} } },
          ],
          containerStatuses: [{ ...base, name: "web", ready: true, state: { running: {} } }],
        },
      ),
      now,
    );
    expect(sidecar).toMatchObject({ status: "Running", readyContainers: 2, totalContainers: 2, restarts: 1 });
  });

  it("say Terminating for a pod being deleted, and Pending before it is scheduled", () => {
    expect(summarisePod(pod({}, { phase: "Running" }, true), now).status).toBe("Terminating");
    expect(summarisePod(pod({}, { phase: "Pending" }), now)).toMatchObject({ status: "Pending", node: null });
  });

  it("print ages as kubectl does", () => {
    expect(
      [59, 330, 600, 10_799, 10_800, 5 * 3600 + 120, 30 * 3600, 2 * 86400 + 5 * 3600, 400 * 86400].map((s) =>
        formatAge(ago(s), now),
      ),
    ).toEqual(["59s", "5m30s", "10m", "179m", "3h", "5h2m", "30h", "2d5h", "400d"]);
  });
});

function deployment(name: string, replicas: number, podLabels: Record<string, string> = {}): V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: "web", ...podLabels } },
        spec: { containers: [{ name: "web", image: `registry.example.com/${name}:1.0` }] },
      },
    },
  };
}

// The pods carrying a label, summarised as the pods page shows them.
async function listPods(client: KubeClient, namespace: string, labelSelector: string) {
  const list = await client.call((c) => c.core.listNamespacedPod({ namespace, labelSelector }));
  const now = new Date();
  return list.items.map((pod) => summarisePod(pod, now)).sort((a, b) => a.name.localeCompare(b.name));
}

describe("summarisePod against the sandbox", () => {
  it("gives the same NAME, READY, STATUS, RESTARTS and NODE as kubectl", async () => {
    const namespace = `pods-${randomBytes(3).toString("hex")}`;
    await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: namespace } } }));
    await admin.call((c) => c.apps.createNamespacedDeployment({ namespace, body: deployment("ok", 2) }));
    await admin.call((c) =>
      c.apps.createNamespacedDeployment({
        namespace,
        body: deployment("unready", 1, { "sandbox.slipway.dev/unready": "true" }),
      }),
    );
    await admin.call((c) =>
      c.core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name: "stuck", labels: { tier: "web" } },
          spec: { nodeSelector: { "no-such": "node" }, containers: [{ name: "web", image: "hello:1" }] },
        },
      }),
    );
    const running = await eventually("three pods Running", async () => {
      const pods = await listPods(slipway, namespace, "tier=web");
      return pods.filter((p) => p.status === "Running").length === 3 ? pods : undefined;
    });
    // A crashing container, as a kubelet reports it.
    const victim = running.find((p) => p.name.startsWith("ok-"))!.name;
    const current = await admin.call((c) => c.core.readNamespacedPod({ name: victim, namespace }));
    current.status!.conditions = current.status!.conditions?.map((k) =>
      k.type === "Ready" || k.type === "ContainersReady" ? { ...k, status: "False" } : k,
    );
    current.status!.containerStatuses = current.status!.containerStatuses?.map((s) => ({
      ...s,
      ready: false,
      restartCount: 5,
      state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 2m40s restarting failed container" } },
      lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: new Date(Date.now() - 60_000) } },
    }));
    await admin.call((c) => c.core.replaceNamespacedPodStatus({ name: victim, namespace, body: current }));

    const pods = await eventually("the crash reported", async () => {
      const list = await listPods(slipway, namespace, "tier=web");
      return list.some((p) => p.status === "CrashLoopBackOff") ? list : undefined;
    });
    const ours = pods.map((p) => [
      p.name,
      `${p.readyContainers}/${p.totalContainers}`,
      p.status,
      String(p.restarts),
      p.node ?? "<none>",
    ]);
    const theirs = kubectl("get", "pods", "-n", namespace, "-l", "tier=web", "-o", "wide", "--no-headers")
      .trim()
      .split("\n")
      .map((line) => {
        const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\d+)(?: \([^)]*\))?\s+\S+\s+\S+\s+(\S+)/.exec(line)!;
        return [m[1], m[2], m[3], m[4], m[5]];
      });
    expect(ours).toEqual(theirs);
    expect(ours.map((row) => row[2]).sort()).toEqual(["CrashLoopBackOff", "Pending", "Running", "Running"]);
    expect(pods.find((p) => p.name === victim)).toMatchObject({
      restarts: 5,
      lastRestart: expect.stringMatching(/^6\ds$/),
    });
    expect(pods.find((p) => p.name.startsWith("unready-"))).toMatchObject({ status: "Running", readyContainers: 0 });
    await admin.call((c) => c.core.deleteNamespace({ name: namespace }));
  });
});
