import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZSubscriptionSchema } from "@/lib/validations/subscription";
import { configureAlerting } from "@/test/alert-fixtures";
import { auditCount, context } from "@/test/factories";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { deleteSubscription } from "./delete-subscription";
import { listSubscriptions } from "./list-subscriptions";
import { saveSubscription } from "./save-subscription";

let world: Awaited<ReturnType<typeof makeReleaseWorld>>;

beforeAll(async () => {
  world = await makeReleaseWorld();
  await configureAlerting(world.admin, { webhookPrefix: "https://hooks.example.test/" });
});

function fieldErrors(input: Record<string, unknown>) {
  const parsed = ZSubscriptionSchema.safeParse({ name: "x", ...input });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("subscription input", () => {
  it("names the field of an invalid matcher, an empty channel and a missing channel", () => {
    expect(fieldErrors({ matchers: 'cluster="a"\npod=~"("', channels: [{ kind: "console" }] })).toEqual({
      matchers: "alerts.matcherRegex",
    });
    expect(fieldErrors({ channels: [{ kind: "email", addresses: "" }] })).toEqual({
      "channels.0.addresses": "alerts.channelEmpty",
    });
    expect(fieldErrors({ channels: [] })).toEqual({ channels: "alerts.noChannel" });
    expect(fieldErrors({ channels: [{ kind: "wecom_robot", key: "short" }] })).toEqual({
      "channels.0.key": "alerts.robotKey",
    });
  });

  it("accepts a robot's whole webhook address and keeps only its key", () => {
    const parsed = ZSubscriptionSchema.parse({
      name: "x",
      channels: [
        { kind: "wecom_robot", key: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4" },
      ],
    });
    expect(parsed.channels[0]).toMatchObject({ key: "693a91f6-7xxx-4bc4" });
  });
});

describe("saving subscriptions", () => {
  it("seals the robot key, never shows it again, and keeps it when an edit leaves it empty", async () => {
    const saved = await saveSubscription(
      world.dev,
      ZSubscriptionSchema.parse({ name: "mine", channels: [{ kind: "wecom_robot", key: "robot-key-123456" }] }),
      context,
    );
    const channel = await db.alertChannel.findFirstOrThrow({ where: { subscriptionId: saved.id } });
    expect(channel.secretEncrypted).toMatch(/^enc:v1:/);
    expect(channel.secretEncrypted).not.toContain("robot-key");
    const [view] = (await listSubscriptions(world.dev)).filter((s) => s.id === saved.id);
    expect(view!.channels[0]).toMatchObject({ kind: "wecom_robot", secret: "••••••" });
    expect(JSON.stringify(view)).not.toContain("robot-key-123456");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: saved.id } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain("robot-key-123456");
    await saveSubscription(
      world.dev,
      ZSubscriptionSchema.parse({
        id: saved.id,
        name: "mine",
        channels: [{ kind: "wecom_robot", id: channel.id, key: "" }],
      }),
      context,
    );
    expect((await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } })).secretEncrypted).toBe(
      channel.secretEncrypted,
    );
  });

  it("lets only ops and admins manage team-wide subscriptions, and nobody someone else's", async () => {
    const teamWide = ZSubscriptionSchema.parse({
      name: "team",
      teamId: world.team.id,
      channels: [{ kind: "console" }],
    });
    await expect(saveSubscription(world.dev, teamWide, context)).rejects.toMatchObject({ code: "forbidden" });
    const saved = await saveSubscription(world.ops, teamWide, context);
    // The team's developer sees it (read-only); a tester of no team does not.
    expect((await listSubscriptions(world.dev)).find((s) => s.id === saved.id)).toMatchObject({ mayEdit: false });
    expect((await listSubscriptions(world.tester)).find((s) => s.id === saved.id)).toBeUndefined();
    await expect(deleteSubscription(world.dev, saved.id, context)).rejects.toMatchObject({ code: "forbidden" });
    const own = await saveSubscription(
      world.tester,
      ZSubscriptionSchema.parse({ name: "t", channels: [{ kind: "console" }] }),
      context,
    );
    await expect(deleteSubscription(world.dev, own.id, context)).rejects.toMatchObject({ code: "forbidden" });
    const before = await auditCount({ action: "subscription.delete" });
    await deleteSubscription(world.tester, own.id, context);
    expect(await auditCount({ action: "subscription.delete" })).toBe(before + 1);
    expect(await db.alertSubscription.findUnique({ where: { id: own.id } })).toBeNull();
  });

  it("refuses people to mention who are not Slipway users, and saves nothing", async () => {
    const count = await db.alertSubscription.count();
    await expect(
      saveSubscription(
        world.dev,
        ZSubscriptionSchema.parse({
          name: "m",
          channels: [{ kind: "wecom_robot", key: "robot-key-654321", mentions: "nobody@example.test" }],
        }),
        context,
      ),
    ).rejects.toMatchObject({ field: "channels.0.mentions", messageKey: "alerts.unknownPeople" });
    expect(await db.alertSubscription.count()).toBe(count);
  });
});
