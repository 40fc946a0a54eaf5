import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { ZAuditQuerySchema } from "@/lib/validations/audit";
import { listAuditEvents } from "./list-audit-events";

describe("listAuditEvents", () => {
  it("pages newest first by keyset, every row exactly once, also when many share a timestamp", async () => {
    const action = `paging.${Date.now()}`;
    // One transaction: all 23 rows get the same now() timestamp.
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 23; i++)
        await writeAudit(tx, { actor: { system: "test" }, action, target: { type: "thing", id: String(i) } });
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents(ZAuditQuerySchema.parse({ action, limit: 5, cursor }));
      seen.push(...page.rows.map((r) => r.targetId ?? ""));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => String(22 - i)));
  });

  it("filters by actor, action prefix and time", async () => {
    const action = `filter.${Date.now()}`;
    await db.$transaction(async (tx) => {
      await writeAudit(tx, { actor: { system: "alice" }, action: `${action}.a`, target: { type: "thing" } });
      await writeAudit(tx, { actor: { system: "bob" }, action: `${action}.b`, target: { type: "thing" } });
    });
    const byActor = await listAuditEvents(ZAuditQuerySchema.parse({ action, actor: "ALICE" }));
    expect(byActor.rows.map((r) => r.action)).toEqual([`${action}.a`]);
    const future = await listAuditEvents(
      ZAuditQuerySchema.parse({ action, from: new Date(Date.now() + 60_000).toISOString() }),
    );
    expect(future.rows).toEqual([]);
  });
});
