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

  it("reads the time filters in the reader's zone", async () => {
    const action = `zone.${Date.now()}`;
    await db.$transaction((tx) => writeAudit(tx, { actor: { system: "test" }, action, target: { type: "thing" } }));
    const inShanghai = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
    const soon = new Date(Date.now() + 5 * 60_000);
    // "From in five minutes" typed in Shanghai time finds nothing; read as UTC it would find the row.
    const query = ZAuditQuerySchema.parse({ action, from: inShanghai(soon) });
    expect((await listAuditEvents(query, "Asia/Shanghai")).rows).toEqual([]);
    const earlier = ZAuditQuerySchema.parse({ action, from: inShanghai(new Date(Date.now() - 5 * 60_000)) });
    expect((await listAuditEvents(earlier, "Asia/Shanghai")).rows).toHaveLength(1);
  });

  it("leaves sign-ins out unless asked for", async () => {
    const actor = `signin-${Date.now()}@example.test`;
    await db.$transaction(async (tx) => {
      await writeAudit(tx, { actor: { system: actor }, action: "auth.login", target: { type: "user" } });
      await writeAudit(tx, { actor: { system: actor }, action: "user.update", target: { type: "user" } });
    });
    const actions = async (query: Record<string, string>) =>
      (await listAuditEvents(ZAuditQuerySchema.parse({ actor, ...query }))).rows.map((row) => row.action);
    expect(await actions({})).toEqual(["user.update"]);
    expect(await actions({ signins: "1" })).toEqual(["user.update", "auth.login"]);
    expect(await actions({ action: "auth." })).toEqual(["auth.login"]);
  });

  it("filters by app and environment, also rows about a release or a request of the app", async () => {
    const [team, environment, other] = await Promise.all([
      db.team.create({ data: { name: `audit${Date.now()}`, displayName: "Audit" } }),
      db.environment.create({ data: { name: `aud${Date.now()}`, displayName: "Audit env" } }),
      db.environment.create({ data: { name: `aux${Date.now()}`, displayName: "Other env" } }),
    ]);
    const version = await db.templateVersion.findFirstOrThrow();
    const app = await db.app.create({
      data: { name: "web", teamId: team.id, templateVersionId: version.id, imageRepository: "r.example/web" },
    });
    const request = await db.releaseRequest.create({
      data: {
        appId: app.id,
        environmentId: environment.id,
        tag: "1.0",
        requestedById: (await db.user.findFirstOrThrow()).id,
        requestedByLabel: "dev@example.test",
      },
    });
    await db.$transaction(async (tx) => {
      const actor = { system: "test" };
      await writeAudit(tx, {
        actor,
        action: "app.create",
        target: { type: "app", id: app.id },
        scope: { appId: app.id },
      });
      await writeAudit(tx, {
        actor,
        action: "app.set_parameters",
        target: { type: "app", id: app.id },
        scope: { appId: app.id, environmentId: other.id },
      });
      // Written without scope, as the release engine's requests are: found through the request.
      await writeAudit(tx, { actor, action: "release.request", target: { type: "release_request", id: request.id } });
    });
    const actions = async (query: Record<string, string>) =>
      (await listAuditEvents(ZAuditQuerySchema.parse(query))).rows.map((row) => row.action);
    expect(await actions({ app: app.id })).toEqual(["release.request", "app.set_parameters", "app.create"]);
    expect(await actions({ app: app.id, env: environment.id })).toEqual(["release.request"]);
    expect(await actions({ env: other.id })).toEqual(["app.set_parameters"]);
    const [row] = (await listAuditEvents(ZAuditQuerySchema.parse({ app: app.id, env: environment.id }))).rows;
    expect(row?.app).toEqual({ id: app.id, team: team.name, name: "web" });
    expect(row?.environment?.name).toBe(environment.name);
  });
});
