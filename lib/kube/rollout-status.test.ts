import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { podLine as podLineOf, rolloutProgress } from "./rollout-status";
import { slimDeployment, slimPod } from "./watch-cache/kinds";

// As the API gives them, through the shape the caches keep.
function deployment(status: V1Deployment["status"], generation = 2, replicas = 3) {
  return slimDeployment({
    metadata: { generation, annotations: { "deployment.kubernetes.io/revision": "4" } },
    spec: { replicas, progressDeadlineSeconds: 60, selector: {}, template: {} },
    status,
  } as V1Deployment);
}

const podLine = (pod: V1Pod) => podLineOf(slimPod(pod));

describe("rolloutProgress (what kubectl rollout status decides)", () => {
  it("waits until the controller has seen the new spec", () => {
    const progress = rolloutProgress(
      deployment({ observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3, replicas: 3 }),
    );
    expect(progress.phase).toBe("progressing");
    expect(progress.message).toMatch(/controller/);
  });

  it("waits for updated, then old replicas gone, then available", () => {
    const base = { observedGeneration: 2 };
    expect(rolloutProgress(deployment({ ...base, replicas: 4, updatedReplicas: 2 })).message).toBe(
      "2 of 3 new replicas updated",
    );
    expect(rolloutProgress(deployment({ ...base, replicas: 4, updatedReplicas: 3 })).message).toBe(
      "1 old replicas pending termination",
    );
    expect(
      rolloutProgress(deployment({ ...base, replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).message,
    ).toBe("2 of 3 updated replicas available");
    const done = rolloutProgress(
      deployment({ ...base, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }),
    );
    expect(done).toMatchObject({ phase: "complete", revision: 4, available: 3, desired: 3 });
  });

  it("fails at the progress deadline, but not on a verdict left from the previous rollout", () => {
    const timedOut = deployment({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 1,
      conditions: [
        { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "RS x has timed out" },
      ],
    });
    expect(rolloutProgress(timedOut).phase).toBe("failed");
    const appliedAt = new Date("2026-11-22T10:00:00Z");
    expect(rolloutProgress(timedOut, appliedAt, appliedAt.getTime() + 5_000).phase).toBe("progressing");
    expect(rolloutProgress(timedOut, appliedAt, appliedAt.getTime() + 61_000)).toMatchObject({
      phase: "failed",
      message: "Progress deadline (60 s) exceeded: RS x has timed out",
    });
  });
});

describe("podLine", () => {
  it("gives kubectl's status, restarts summed, and why an unready pod is not ready", () => {
    expect(
      podLine({
        metadata: { name: "web-1" },
        spec: { nodeName: "n1", containers: [{ name: "app", image: "web:2" }] },
        status: {
          phase: "Running",
          containerStatuses: [
            {
              name: "app",
              image: "web:2",
              imageID: "",
              ready: false,
              restartCount: 4,
              state: { waiting: { reason: "CrashLoopBackOff" } },
            },
          ],
        },
      }),
    ).toEqual({
      name: "web-1",
      phase: "CrashLoopBackOff",
      ready: false,
      restarts: 4,
      node: "n1",
      image: "web:2",
    });
    expect(
      podLine({
        metadata: { name: "web-2" },
        spec: { containers: [{ name: "app" }] },
        status: {
          phase: "Running",
          conditions: [
            {
              type: "Ready",
              status: "False",
              reason: "ContainersNotReady",
              message: "containers with unready status: [app]",
            },
          ],
        },
      }),
    ).toMatchObject({
      phase: "Running",
      ready: false,
      reason: "ContainersNotReady: containers with unready status: [app]",
    });
  });

  it("reads pods as a watch delivers them, with times as strings", () => {
    const fromWatch = JSON.parse(
      JSON.stringify({
        metadata: { name: "web-3", creationTimestamp: "2026-11-22T10:00:00Z" },
        spec: { containers: [{ name: "app", image: "web:3" }] },
        status: {
          phase: "Running",
          containerStatuses: [
            {
              name: "app",
              ready: true,
              restartCount: 1,
              state: { running: {} },
              lastState: { terminated: { exitCode: 1, finishedAt: "2026-11-22T10:01:00Z" } },
              imageID: `docker-pullable://web@sha256:${"a".repeat(64)}`,
            },
          ],
          conditions: [{ type: "Ready", status: "True" }],
        },
      }),
    ) as V1Pod;
    expect(podLine(fromWatch)).toMatchObject({
      phase: "Running",
      ready: true,
      restarts: 1,
    });
  });
});
