import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeReleaseWorld, openTestRelease } from "@/test/release-fixtures";
import { eventually } from "@/test/sandbox";
import { subscribeLiveRelease } from "./live-release-hub";
import type { ReleaseLiveState } from "./release-view";
import { addReleaseEvent, recordProgress } from "./release-store";

// A release page's stream as the route keeps it: what it was sent, and its last timeline entry.
function page() {
  const got: ReleaseLiveState[] = [];
  let last: string | undefined;
  let failed = 0;
  return {
    got,
    failed: () => failed,
    reasons: () => got.flatMap((state) => state.timeline.map((entry) => entry.reason)),
    subscriber: {
      lastEventId: () => last,
      send: (state: ReleaseLiveState) => {
        got.push(state);
        last = state.timeline.at(-1)?.id ?? last;
      },
      fail: () => (failed += 1),
    },
  };
}

describe("the live release hub", () => {
  it("gives every page following a release its changes, each timeline entry once; a page that left hears nothing more", async () => {
    const world = await makeReleaseWorld();
    const dev = await world.environment("dev");
    const app = await world.app("live", {}, dev.id);
    const release = await openTestRelease(
      { appId: app.id, environmentId: dev.id },
      { image: "registry.example.com/team/live:v1" },
    );

    const a = page();
    const offA = (await subscribeLiveRelease(release.id, a.subscriber))!;
    // Joining reads at once: the whole timeline so far.
    expect(a.reasons()).toEqual(["Created"]);

    await addReleaseEvent(release.id, { reason: "Step", message: "one" });
    await eventually("page A hears of the new entry", async () => a.reasons().includes("Step"));

    // A page opened later gets what it lacks (everything); the first page nothing twice.
    const b = page();
    const offB = (await subscribeLiveRelease(release.id, b.subscriber))!;
    expect(b.reasons()).toEqual(["Created", "Step"]);

    const at = new Date();
    await recordProgress(release.id, { rollout: { updated: 1, ready: 1, available: 1 }, pods: [] }, [
      { at, type: "Normal", reason: "ScalingReplicaSet", object: "Deployment/live", message: "Scaled up" },
    ]);
    for (const [name, one] of [
      ["A", a],
      ["B", b],
    ] as const)
      await eventually(`page ${name} shows the progress`, async () => one.got.at(-1)?.rollout?.ready === 1);
    expect(a.reasons()).toEqual(["Created", "Step", "ScalingReplicaSet"]);
    expect(b.reasons()).toEqual(["Created", "Step", "ScalingReplicaSet"]);

    // A page that left hears nothing more; the other still does.
    offA();
    await addReleaseEvent(release.id, { reason: "Later", message: "two" });
    await eventually("page B hears of the last entry", async () => b.reasons().includes("Later"));
    expect(a.reasons()).not.toContain("Later");
    offB();
    expect(a.failed() + b.failed()).toBe(0);

    await db.$transaction([
      db.releaseLock.deleteMany({ where: { releaseId: release.id } }),
      db.release.update({ where: { id: release.id }, data: { status: "failed", finishedAt: new Date() } }),
    ]);
  });

  it("sends each of many pages joining at once its first state before they are subscribed; an unknown release is null", async () => {
    const world = await makeReleaseWorld();
    const dev = await world.environment("dev");
    const app = await world.app("crowd", {}, dev.id);
    const release = await openTestRelease(
      { appId: app.id, environmentId: dev.id },
      { image: "registry.example.com/team/crowd:v1" },
    );
    await addReleaseEvent(release.id, { reason: "Step", message: "one" });
    // A team opening the page together: their joins overlap the hub's read.
    const pages = Array.from({ length: 8 }, () => page());
    const offs = await Promise.all(pages.map((one) => subscribeLiveRelease(release.id, one.subscriber)));
    for (const one of pages) {
      expect(one.got.length).toBeGreaterThan(0);
      expect(one.reasons()).toEqual(["Created", "Step"]);
    }
    // Later changes reach them all, each entry once.
    await addReleaseEvent(release.id, { reason: "Later", message: "two" });
    for (const one of pages)
      await eventually("every page hears of the change", async () => one.reasons().includes("Later"));
    for (const one of pages) expect(one.reasons()).toEqual(["Created", "Step", "Later"]);
    for (const off of offs) off!();

    const nobody = page();
    expect(await subscribeLiveRelease("00000000-0000-4000-8000-000000000000", nobody.subscriber)).toBeNull();
    expect(nobody.got).toEqual([]);

    await db.$transaction([
      db.releaseLock.deleteMany({ where: { releaseId: release.id } }),
      db.release.update({ where: { id: release.id }, data: { status: "failed", finishedAt: new Date() } }),
    ]);
  });
});
