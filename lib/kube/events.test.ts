import type { CoreV1Event, V1MicroTime } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { isAppObject, summariseEvent } from "./events";

describe("events of an app", () => {
  const web = { deployments: ["web"], pods: ["web-debug"] };
  const ref = (kind: string, name: string) => ({ kind, name });

  it("belong to its Deployment, the ReplicaSets it made and their pods, also pods already gone", () => {
    expect(isAppObject(ref("Deployment", "web"), web)).toBe(true);
    expect(isAppObject(ref("ReplicaSet", "web-7b899c7bcc"), web)).toBe(true);
    expect(isAppObject(ref("Pod", "web-7b899c7bcc-x2vzq"), web)).toBe(true);
    expect(isAppObject(ref("Pod", "web-debug"), web)).toBe(true);
  });

  it("not to another app whose name starts the same, nor to other kinds", () => {
    expect(isAppObject(ref("Deployment", "web-api"), web)).toBe(false);
    expect(isAppObject(ref("ReplicaSet", "web-api-5d8f9c6b7"), web)).toBe(false);
    expect(isAppObject(ref("Pod", "web-api-5d8f9c6b7-q7m2c"), web)).toBe(false);
    expect(isAppObject(ref("Service", "web"), web)).toBe(false);
  });

  it("take their time and count from the series of events.k8s.io events", () => {
    // As client-node delivers them: MicroTime fields stay strings.
    const micro = (time: string) => time as unknown as V1MicroTime;
    const event: CoreV1Event = {
      metadata: { name: "web.1", uid: "u1", creationTimestamp: new Date("2026-03-01T11:00:00Z") },
      involvedObject: { kind: "Pod", name: "web-7b899c7bcc-x2vzq" },
      eventTime: micro("2026-03-01T11:50:00.123456Z"),
      series: { count: 7, lastObservedTime: micro("2026-03-01T11:59:00.000001Z") },
      type: "Warning",
      reason: "BackOff",
      message: "Back-off restarting failed container web\n",
    };
    expect(summariseEvent(event, new Date("2026-03-01T12:00:00Z"))).toEqual({
      id: "u1",
      time: "2026-03-01T11:59:00.000Z",
      age: "60s",
      type: "Warning",
      reason: "BackOff",
      object: "Pod/web-7b899c7bcc-x2vzq",
      message: "Back-off restarting failed container web",
      count: 7,
    });
  });
});
