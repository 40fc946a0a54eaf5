// What the release engine writes for people is stored as a message at the source (issue 11):
// every new release, request and timeline entry of Slipway's own carries a message key with
// values, which a Chinese reader gets with no English outside the data (names, images, what
// Kubernetes said). The English columns stay for API clients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/locales";
import { isStoredMessage, renderMessage, renderMessageParts, type StoredMessage } from "@/lib/i18n/stored-message";
import { ZDeploySchema, ZScaleSchema } from "@/lib/validations/release";
import { context } from "@/test/factories";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { makeReleaseWorld, settledRelease, openTestRelease } from "@/test/release-fixtures";
import { autoRollback } from "./auto-rollback";
import { decideReleaseRequest } from "./decide-release-request";
import { deployRelease } from "./deploy-release";
import * as descriptions from "./release-descriptions";
import * as entries from "./release-messages";
import { finishRelease } from "./release-store";
import { restartApp } from "./restart-app";
import { rollbackRelease } from "./rollback-release";
import { scaleApp } from "./scale-app";

const zh = { t: translator("zh-CN"), clock: { locale: "zh-CN" as const, timeZone: "Asia/Shanghai" } };

// The Chinese words of a message, its data left out; product and Kubernetes names allowed.
function englishOutsideData(stored: StoredMessage): string[] {
  const words = renderMessageParts(stored, zh)
    .filter((part) => !part.data)
    .map((part) => part.text)
    .join(" ")
    .replace(/\b(Slipway|Pod|Deployment)\b/g, "");
  return words.match(/[A-Za-z]{2,}/g) ?? [];
}

function expectChinese(stored: unknown) {
  expect(isStoredMessage(stored), JSON.stringify(stored)).toBe(true);
  expect(englishOutsideData(stored as StoredMessage)).toEqual([]);
}

describe("the engine's texts as messages", () => {
  it("every description and timeline entry it writes renders in Chinese with only data left in English", () => {
    const written = [
      descriptions.rollbackDescription(3),
      descriptions.autoRollbackDescription(3, 4),
      descriptions.alertRollbackDescription(3, "HighErrorRate"),
      descriptions.scaleDescription({ replicas: 2 }),
      descriptions.scaleDescription({ autoscaling: { min: 2, max: 5 } }),
      descriptions.restartDescription,
      descriptions.canaryStartDescription("registry.example.com/team/shop:v2"),
      descriptions.canarySwitchDescription(true),
      descriptions.canarySwitchDescription(false),
      descriptions.canaryAbortDescription,
      descriptions.canaryPromoteDescription("registry.example.com/team/shop:v2"),
      descriptions.canaryPromotedDescription(7),
    ];
    for (const { descriptionMessage } of written) expectChinese(descriptionMessage);
    const timeline = [
      entries.objectsApplied(4),
      entries.namespaceCreated("shop-dev"),
      entries.objectDeleted({ kind: "Service", name: "shop" }),
      entries.describeOperation({ replicas: 3 }),
      entries.describeOperation({ autoscaling: { min: 1, max: 4 } }),
      entries.describeOperation({ restartedAt: "2026-12-02T05:00:00.000Z" }),
      entries.rolloutComplete,
      entries.applyResumed,
    ];
    for (const entry of timeline) expectChinese(entry.messageData);
    expect(renderMessage(entries.describeOperation({ restartedAt: "2026-12-02T05:00:00.000Z" }).messageData, zh)).toBe(
      "已于 2026-12-02 13:00:00 请求重启",
    );
  });
});

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;

beforeAll(async () => {
  world = await makeReleaseWorld();
  await startTestJobs();
});
afterAll(async () => {
  await stopTestJobs();
});

// Each of Slipway's own timeline entries of a release carries its message.
async function expectTimelineAsMessages(releaseId: string) {
  const events = await db.releaseEvent.findMany({ where: { releaseId, source: "slipway" }, orderBy: { id: "asc" } });
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) expectChinese(event.messageData);
  return events;
}

describe("new releases store their texts as messages", () => {
  it("deploy, scale, restart, rollback and an automatic rollback: descriptions and timeline entries", async () => {
    const env = await world.environment("msg");
    const app = await world.app("words", {}, env.id);
    const ids = { appId: app.id, environmentId: env.id };

    const deployed = await deployRelease(world.dev, ZDeploySchema.parse({ ...ids, tag: "v1" }), context);
    if (deployed.kind !== "release") throw new Error("expected a release");
    expect((await settledRelease(deployed.releaseId)).status).toBe("succeeded");
    const deployEvents = await expectTimelineAsMessages(deployed.releaseId);
    expect(deployEvents.map((event) => event.reason)).toEqual(
      expect.arrayContaining(["Created", "Applied", "Succeeded"]),
    );
    const created = deployEvents.find((event) => event.reason === "Created")!;
    // The number the statement gave the release is in the message too.
    expect(renderMessage(created.messageData as StoredMessage, zh)).toBe(`${world.dev.email} 发起部署 #1`);
    expect(created.message).toBe(`deploy #1 by ${world.dev.email}`);

    const scaled = await scaleApp(world.ops, ZScaleSchema.parse({ ...ids, replicas: 2 }), context);
    const restarted = await settledRelease(scaled.releaseId).then(() => restartApp(world.ops, ids, context));
    await settledRelease(restarted.releaseId);
    const rolledBack = await rollbackRelease(
      world.ops,
      { ...ids, releaseId: deployed.releaseId, description: "" },
      context,
    );
    await settledRelease(rolledBack.releaseId);
    for (const id of [scaled.releaseId, restarted.releaseId, rolledBack.releaseId]) {
      const release = await db.release.findUniqueOrThrow({ where: { id } });
      expectChinese(release.descriptionMessage);
      expect(release.description).not.toBe("");
      await expectTimelineAsMessages(id);
    }
    const rollback = await db.release.findUniqueOrThrow({ where: { id: rolledBack.releaseId } });
    expect(renderMessage(rollback.descriptionMessage as StoredMessage, zh)).toBe("回滚到 #1");
    expect(rollback.description).toBe("Roll back to #1");

    // A person's words are theirs: no message.
    const own = await rollbackRelease(
      world.ops,
      { ...ids, releaseId: deployed.releaseId, description: "back to the known good one" },
      context,
    );
    await settledRelease(own.releaseId);
    expect(await db.release.findUniqueOrThrow({ where: { id: own.releaseId } })).toMatchObject({
      description: "back to the known good one",
      descriptionMessage: null,
    });

    // A failed deploy, rolled back automatically: its error and the rollback's description.
    const failing = await openTestRelease(ids, { image: "registry.example.com/team/hello-app:v9" });
    await finishRelease(failing.id, {
      status: "failed",
      error: "The rollout did not finish within 60 s",
      errorMessage: { key: "releaseText.rolloutTimeout", values: { seconds: 60 } },
    });
    await autoRollback(failing.id);
    const automatic = await db.release.findFirstOrThrow({ where: { ...ids, trigger: "auto-rollback" } });
    expect(renderMessage(automatic.descriptionMessage as StoredMessage, zh)).toBe(
      `#${failing.number} 失败后自动回滚到 #${own.number}`,
    );
    await settledRelease(automatic.id);
    await expectTimelineAsMessages(automatic.id);
    await expectTimelineAsMessages(failing.id);
  });

  it("a request Slipway words keeps its message, and the approved release carries it", async () => {
    const prod = await world.environment("msgprod", { protected: true });
    const app = await world.app("asked", {}, prod.id);
    const ids = { appId: app.id, environmentId: prod.id };
    const written = descriptions.alertRollbackDescription(1, "HighErrorRate");
    const asked = await deployRelease(
      world.dev,
      ZDeploySchema.parse({ ...ids, tag: "v1", description: written.description }),
      context,
      { descriptionMessage: written.descriptionMessage },
    );
    if (asked.kind !== "request") throw new Error("expected a request");
    const request = await db.releaseRequest.findUniqueOrThrow({ where: { id: asked.requestId } });
    expect(renderMessage(request.descriptionMessage as StoredMessage, zh)).toBe("告警 HighErrorRate 后回滚到 #1");
    await decideReleaseRequest(world.ops, { requestId: asked.requestId, decision: "approve", comment: "" }, context);
    const releaseId = (await db.releaseRequest.findUniqueOrThrow({ where: { id: asked.requestId } })).releaseId!;
    const release = await settledRelease(releaseId);
    expect(release.descriptionMessage).toEqual(written.descriptionMessage);
    const created = (await expectTimelineAsMessages(releaseId)).find((event) => event.reason === "Created")!;
    expect(renderMessage(created.messageData as StoredMessage, zh)).toContain("告警 HighErrorRate 后回滚到 #1");
  });
});
