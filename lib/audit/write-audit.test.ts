import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { MASK } from "@/lib/secrets/mask";
import { toJson, writeAudit } from "./write-audit";

async function raw(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("audit events", () => {
  it("are written in the caller's transaction and vanish with it on rollback", async () => {
    await db.$transaction((tx) =>
      writeAudit(tx, {
        actor: { system: "test" },
        action: "test.committed",
        target: { type: "thing", id: "1" },
        after: { a: 1 },
      }),
    );
    await expect(
      db.$transaction(async (tx) => {
        await writeAudit(tx, {
          actor: { system: "test" },
          action: "test.rolled_back",
          target: { type: "thing", id: "2" },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count({ where: { action: "test.committed" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "test.rolled_back" } })).toBe(0);
  });

  it("cannot be updated, deleted or truncated: the database refuses", async () => {
    await db.$transaction((tx) =>
      writeAudit(tx, { actor: { system: "test" }, action: "test.immutable", target: { type: "thing" } }),
    );
    await expect(raw(`UPDATE audit_events SET action = 'forged' WHERE action = 'test.immutable'`)).rejects.toThrow(
      /audit_events is append-only: UPDATE is not allowed/,
    );
    await expect(raw(`DELETE FROM audit_events WHERE action = 'test.immutable'`)).rejects.toThrow(
      /DELETE is not allowed/,
    );
    await expect(raw(`TRUNCATE audit_events`)).rejects.toThrow(/TRUNCATE is not allowed/);
    await expect(db.auditEvent.deleteMany({ where: { action: "test.immutable" } })).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.count({ where: { action: "test.immutable" } })).toBe(1);
  });

  it("never store secrets in before/after", async () => {
    expect(
      toJson({
        name: "prod",
        kubeconfig: "apiVersion: v1",
        nested: { webhookSecret: "s3cret", smtpPassword: "p", port: 25 },
        objects: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, stringData: { URL: "pg://u:p@db" } }],
      }),
    ).toEqual({
      name: "prod",
      kubeconfig: MASK,
      nested: { webhookSecret: MASK, smtpPassword: MASK, port: 25 },
      objects: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, stringData: { URL: MASK } }],
    });
  });
});
