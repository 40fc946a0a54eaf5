import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZRegistrySchema } from "@/lib/validations/integration";
import { context, makeUser } from "@/test/factories";
import { freePort } from "@/test/support/free-port";
import { HarborFake } from "@/test/support/harbor-fake";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { saveRegistry } from "./save-registry";
import { testIntegrationConnection } from "./test-integration-connection";
import { webhookSecretMatches } from "./webhook-secret";

let harbor: HarborFake;
const unique = () => `reg-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  harbor = await new HarborFake().start();
});
afterAll(() => harbor.stop());

const input = (extra: Record<string, unknown>) =>
  ZRegistrySchema.parse({
    name: unique(),
    kind: "harbor",
    url: harbor.url,
    username: harbor.credentials!.username,
    secret: harbor.credentials!.password,
    ...extra,
  });

describe("registries on the integrations page", () => {
  it("are saved after a connection test, the secret sealed, the webhook secret shown once and stored hashed, audited without secrets", async () => {
    const admin = await makeUser("admin");
    const saved = await saveRegistry(admin, input({}), context);
    expect(saved.check).toEqual({ ok: true, version: "v2.13.1-fake", error: null });
    expect(saved.webhookSecret).toMatch(/^whs_/);
    const row = await db.registry.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.secretEncrypted).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(harbor.credentials!.password);
    expect(JSON.stringify(row)).not.toContain(saved.webhookSecret);
    expect(webhookSecretMatches(saved.webhookSecret, row.webhookSecretHash)).toBe(true);
    expect(webhookSecretMatches(`Bearer ${saved.webhookSecret}`, row.webhookSecretHash)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: saved.id, action: "registry.create" } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(harbor.credentials!.password);
    expect(audit.after).toMatchObject({ replaced: ["secret"], verified: true });

    // Editing without a new secret keeps the stored one (the check still passes with it).
    await saveRegistry(admin, input({ id: saved.id, name: row.name, secret: "" }), context);
    expect((await db.registry.findUniqueOrThrow({ where: { id: saved.id } })).secretEncrypted).toBe(
      row.secretEncrypted,
    );

    const { webhookSecret } = await rotateWebhookSecret(admin, { kind: "registry", id: saved.id }, context);
    const rotated = await db.registry.findUniqueOrThrow({ where: { id: saved.id } });
    expect(webhookSecretMatches(saved.webhookSecret, rotated.webhookSecretHash)).toBe(false);
    expect(webhookSecretMatches(webhookSecret, rotated.webhookSecretHash)).toBe(true);
  });

  it("are not saved, not even half, when the test fails; the message says why, on the URL field", async () => {
    const admin = await makeUser("admin");
    const before = await db.registry.count();
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(saveRegistry(admin, input({ url: closed }), context)).rejects.toMatchObject({
      field: "url",
      messageKey: "integrations.error.unreachable",
    });
    await expect(saveRegistry(admin, input({ secret: "wrong" }), context)).rejects.toMatchObject({
      field: "url",
      messageKey: "integrations.error.unauthorized",
    });
    harbor.isHarbor = false;
    try {
      await expect(saveRegistry(admin, input({}), context)).rejects.toMatchObject({
        messageKey: "integrations.error.notHarbor",
      });
    } finally {
      harbor.isHarbor = true;
    }
    expect(await db.registry.count()).toBe(before);
    expect(ZRegistrySchema.safeParse({ name: "x", kind: "oci", url: "https://u:p@harbor.example.com" }).success).toBe(
      false,
    );
    expect(ZRegistrySchema.safeParse({ name: "x", kind: "oci", url: "ftp://harbor.example.com" }).success).toBe(false);
  });

  it("keep the last connection test as their status", async () => {
    const admin = await makeUser("admin");
    const saved = await saveRegistry(admin, input({}), context);
    harbor.denied = true;
    try {
      expect(await testIntegrationConnection({ kind: "registry", id: saved.id })).toMatchObject({
        ok: false,
        error: { key: "integrations.error.forbidden" },
      });
    } finally {
      harbor.denied = false;
    }
    expect((await db.registry.findUniqueOrThrow({ where: { id: saved.id } })).checkResult).toMatchObject({ ok: false });
  });
});
