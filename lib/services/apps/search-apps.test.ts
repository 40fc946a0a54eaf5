import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedApps } from "@/test/app-list-fixtures";
import { APP_PICKER_LIMIT } from "@/lib/apps/picker-limit";
import { ZAppSearchSchema } from "@/lib/validations/app-picker";
import { appChoices } from "./app-choices";
import { searchApps } from "./search-apps";

// The test database is shared with other files: every search here names this prefix.
const prefix = `ap${randomBytes(3).toString("hex")}`;
const app = (n: number) => `${prefix}-app-${String(n).padStart(5, "0")}`;
const team = (n: number) => `${prefix}-t${String(n).padStart(3, "0")}`;
const teamId = async (n: number) => (await db.team.findUniqueOrThrow({ where: { name: team(n) } })).id;
const search = (input: Record<string, string>) => searchApps(ZAppSearchSchema.parse(input));

beforeAll(async () => {
  // 60 apps over 3 teams: app n is in team 1 + n % 3.
  await seedApps({ prefix, apps: 60, teams: 3 });
});

describe("the app picker's search", () => {
  it("answers with at most 20 apps, sorted by team then name, however many match", async () => {
    const found = await search({ q: prefix });
    expect(found).toHaveLength(APP_PICKER_LIMIT);
    expect(found.map((a) => `${a.team}/${a.name}`)).toEqual(
      [...found.map((a) => `${a.team}/${a.name}`)].sort((a, b) => a.localeCompare(b)),
    );
    // Team 1 (apps 3, 6 ... 60) fills the first page of matches.
    expect(found.every((a) => a.team === team(1))).toBe(true);
  });

  it("finds apps by part of the name, or by team/name as the picker shows them", async () => {
    const byName = await search({ q: `${prefix}-app-0004` });
    expect(byName.map((a) => a.name).sort()).toEqual([
      app(40),
      app(41),
      app(42),
      app(43),
      app(44),
      app(45),
      app(46),
      app(47),
      app(48),
      app(49),
    ]);
    const byLabel = await search({ q: `${team(3)}/${app(2)}` });
    expect(byLabel).toEqual([{ id: expect.any(String), name: app(2), team: team(3) }]);
    expect(await search({ q: `${team(1)}/${app(2)}` })).toEqual([]);
  });

  it("keeps to the team asked for: another team's apps never appear, even when named exactly", async () => {
    const first = await teamId(1);
    const found = await search({ q: prefix, team: first });
    expect(found.length).toBe(APP_PICKER_LIMIT);
    expect(found.every((a) => a.team === team(1))).toBe(true);
    // App 1 is team 2's.
    expect(await search({ q: app(1), team: first })).toEqual([]);
    expect(await search({ q: app(1), team: await teamId(2) })).toEqual([expect.objectContaining({ name: app(1) })]);
    // A team that does not exist has no apps.
    expect(await search({ q: prefix, team: randomUUID() })).toEqual([]);
  });

  it("takes the text literally: % and _ match only themselves", async () => {
    expect(await search({ q: `${prefix}%app` })).toEqual([]);
    expect(await search({ q: `${prefix}-app-0000_` })).toEqual([]);
  });

  it("refuses what is not a search by field", () => {
    expect(ZAppSearchSchema.safeParse({ team: "not-an-id" }).error?.issues[0]?.path).toEqual(["team"]);
    expect(ZAppSearchSchema.safeParse({ q: "x".repeat(101) }).error?.issues[0]?.path).toEqual(["q"]);
  });

  it("names the apps a page already holds by id, leaving out ids of apps that are gone", async () => {
    const [one] = await search({ q: `${team(2)}/${app(1)}` });
    const named = await appChoices([one!.id, randomUUID(), one!.id]);
    expect(named).toEqual([{ id: one!.id, name: app(1), team: team(2) }]);
    expect(await appChoices([])).toEqual([]);
  });
});
