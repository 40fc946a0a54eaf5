import type { V1Deployment } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { podLine, rolloutProgress } from "./rollout-status";

function deployment(status: V1Deployment["status"], generation = 2, replicas = 3): V1Deployment {
  return {
    metadata: { generation, annotations: { "deployment.kubernetes.io/revision": "4" } },
    spec: { replicas, progressDeadlineSeconds: 60, selector: {}, template: {} },
    status,
  };
}

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
  it("gives a waiting container's reason, restarts summed, and an unready pod's condition", () => {
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
      phase: "Running",
      ready: false,
      restarts: 4,
      reason: "CrashLoopBackOff",
      node: "n1",
      image: "web:2",
    });
    expect(
      podLine({
        metadata: { name: "web-2" },
        status: { phase: "Running", conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady" }] },
      }).reason,
    ).toBe("ContainersNotReady");
  });
});
