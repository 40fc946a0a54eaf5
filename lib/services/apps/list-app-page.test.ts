import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedApps, seedReleases } from "@/test/app-list-fixtures";
import { encodeAppListCursor, ZAppListQuerySchema } from "@/lib/validations/app-list";
import { listAppPage } from "./list-app-page";
import { readAppStatuses } from "./read-app-statuses";

// The test database is shared with other files: every query here is narrowed to this prefix.
const prefix = `al${randomBytes(3).toString("hex")}`;
const dev = `${prefix}-dev`;
const prod = `${prefix}-prod`;
const app = (n: number) => `${prefix}-app-${String(n).padStart(5, "0")}`;
const query = (input: Record<string, string>) => ZAppListQuerySchema.parse({ q: prefix, ...input });
const cell = (cells: { environment: string }[], environment: string) =>
  cells.find((c) => c.environment === environment);

beforeAll(async () => {
  await db.environment.createMany({
    data: [
      { name: dev, displayName: dev, position: 0 },
      { name: prod, displayName: prod, position: 1 },
    ],
  });
  await seedApps({ prefix, apps: 120, teams: 3 });
  await seedReleases([
    { app: app(1), environment: dev, status: "succeeded", image: "reg/a:1", ready: 2, desired: 2 },
    { app: app(1), environment: dev, status: "failed", image: "reg/a:2", ready: 1, desired: 2 },
    { app: app(1), environment: prod, status: "succeeded", image: "reg/a:1", ready: 3, desired: 3 },
    { app: app(2), environment: dev, status: "progressing", image: "reg/b:1", ready: 0, desired: 1 },
    { app: app(3), environment: dev, status: "succeeded", image: "reg/c:1", ready: 1, desired: 1 },
  ]);
});

describe("the app list", () => {
  it("pages 50 apps at a time, counts every match, and sorts by team then name", async () => {
    const first = await listAppPage(query({}));
    expect(first.total).toBe(120);
    expect(first.pages).toBe(3);
    expect(first.rows).toHaveLength(50);
    const keys = first.rows.map((row) => `${row.team}/${row.name}`);
    expect(keys).toEqual([...keys].sort());
    const last = await listAppPage(query({ page: "3" }));
    expect(last.rows).toHaveLength(20);
    const seen = new Set(
      [...first.rows, ...(await listAppPage(query({ page: "2" }))).rows, ...last.rows].map((r) => r.id),
    );
    expect(seen.size).toBe(120);
    expect(first.teams).toEqual(expect.arrayContaining([`${prefix}-t001`, `${prefix}-t002`, `${prefix}-t003`]));
    expect(first.environments.indexOf(dev)).toBeLessThan(first.environments.indexOf(prod));
  });

  it("pages by cursor: next and previous give the same pages as page numbers, and page 1 knows it is first", async () => {
    const byNumber = await Promise.all(["1", "2", "3"].map((page) => listAppPage(query({ page }))));
    const ids = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id);
    expect(byNumber[0]!.previous).toBeNull();
    const second = await listAppPage(query({ after: byNumber[0]!.next!, page: "2" }));
    expect(ids(second)).toEqual(ids(byNumber[1]!));
    const third = await listAppPage(query({ after: second.next!, page: "3" }));
    expect(ids(third)).toEqual(ids(byNumber[2]!));
    expect(third).toMatchObject({ page: 3, pages: 3, next: null });
    // And back: previous reads before the first row shown.
    const back = await listAppPage(query({ before: third.previous!, page: "2" }));
    expect(ids(back)).toEqual(ids(byNumber[1]!));
    const start = await listAppPage(query({ before: back.previous!, page: "2" }));
    expect(ids(start)).toEqual(ids(byNumber[0]!));
    // The URL said 2, but there is nothing before it: this is page 1, with no previous link.
    expect(start).toMatchObject({ page: 1, previous: null });
    expect(start.next).toBe(byNumber[0]!.next);
  });

  it("keeps its place when apps are added meanwhile, and orders apps of the same name by team", async () => {
    // Not under `prefix`, which the other tests count.
    const other = `ak${randomBytes(3).toString("hex")}`;
    await seedApps({ prefix: other, apps: 4, teams: 2 });
    // The same names in the other team too: equal names, told apart by team then id.
    await db.$executeRaw`
      INSERT INTO apps (id, name, team_id, template_version_id, image_repository, updated_at)
      SELECT gen_random_uuid(), a.name, t.id, a.template_version_id, a.image_repository, now()
      FROM apps a JOIN teams own ON own.id = a.team_id JOIN teams t ON t.name LIKE ${`${other}-t%`} AND t.id <> own.id
      WHERE a.name LIKE ${`${other}-app-%`}`;
    const walk = ZAppListQuerySchema.parse({ q: `${other}-app` });
    const first = await listAppPage(walk);
    expect(first.total).toBe(8);
    expect(first.rows.map((row) => `${row.team}/${row.name}`)).toEqual(
      [1, 2].flatMap((t) => [1, 2, 3, 4].map((n) => `${other}-t00${t}/${other}-app-0000${n}`)),
    );
    // A page boundary between two apps named alike, then an app added before it: the next page
    // starts right after the last row seen, neither repeating nor skipping one (OFFSET would repeat).
    const cursorAt = first.rows[4]!;
    await seedApps({ prefix: `${other}-app-0`, apps: 1, teams: 1 });
    const after = await listAppPage({ ...walk, after: { team: cursorAt.team, name: cursorAt.name, id: cursorAt.id } });
    expect(after.rows.map((row) => row.id)).toEqual(first.rows.slice(5).map((row) => row.id));
    expect(after.next).toBeNull();
    expect(after.previous).toBe(
      encodeAppListCursor({ team: first.rows[5]!.team, name: first.rows[5]!.name, id: first.rows[5]!.id }),
    );
  });

  it("finds apps by part of the name and by team, treating % and _ as text", async () => {
    const one = await listAppPage(query({ q: `${prefix}-app-00042` }));
    expect(one.rows.map((row) => row.name)).toEqual([app(42)]);
    expect((await listAppPage(query({ q: `${prefix}%` }))).total).toBe(0);
    const team = await listAppPage(query({ team: `${prefix}-t002` }));
    expect(team.total).toBe(40);
    expect(new Set(team.rows.map((row) => row.team))).toEqual(new Set([`${prefix}-t002`]));
  });

  it("shows per environment the running image, the pods and a status from the releases", async () => {
    const { rows } = await listAppPage(query({ q: `${prefix}-app-0000` }));
    const byName = new Map(rows.map((row) => [row.name, row.cells]));
    // The failed deploy of :2 leaves :1 running, and the app degraded.
    expect(cell(byName.get(app(1))!, dev)).toEqual({
      environment: dev,
      status: "degraded",
      image: "reg/a:1",
      ready: 1,
      desired: 2,
    });
    expect(cell(byName.get(app(1))!, prod)).toMatchObject({
      status: "healthy",
      image: "reg/a:1",
      ready: 3,
      desired: 3,
    });
    expect(cell(byName.get(app(2))!, dev)).toMatchObject({ status: "progressing", image: null });
    expect(cell(byName.get(app(3))!, dev)).toMatchObject({ status: "healthy", image: "reg/c:1" });
    expect(cell(byName.get(app(4))!, dev)).toEqual({
      environment: dev,
      status: "not_deployed",
      image: null,
      ready: null,
      desired: null,
    });
  });

  it("filters by status, in one environment or in any", async () => {
    const degraded = await listAppPage(query({ status: "degraded" }));
    expect(degraded.rows.map((row) => row.name)).toEqual([app(1)]);
    const healthyInProd = await listAppPage(query({ status: "healthy", env: prod }));
    expect(healthyInProd.rows.map((row) => row.name)).toEqual([app(1)]);
    expect(healthyInProd.rows[0]!.cells.map((c) => c.environment)).toEqual([prod]);
    const healthyInDev = await listAppPage(query({ status: "healthy", env: dev }));
    expect(healthyInDev.rows.map((row) => row.name)).toEqual([app(3)]);
    expect((await listAppPage(query({ status: "not_deployed", env: dev }))).total).toBe(117);
  });

  it("refuses filters that cannot be names, naming the field", () => {
    const forged = Buffer.from(JSON.stringify(["t", "a", "not-a-uuid"])).toString("base64url");
    const parsed = ZAppListQuerySchema.safeParse({
      team: "Team X",
      status: "sleeping",
      page: "0",
      after: "garbage",
      before: forged,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
      "after",
      "before",
      "page",
      "status",
      "team",
    ]);
  });

  it("reads a page's cells again for the live stream, after a release changes", async () => {
    const { rows } = await listAppPage(query({ q: app(2) }));
    const id = rows[0]!.id;
    await seedReleases([
      { app: app(2), environment: dev, status: "succeeded", image: "reg/b:2", ready: 1, desired: 1 },
    ]);
    const cells = (await readAppStatuses([id])).get(id)!;
    expect(cell(cells, dev)).toMatchObject({ status: "healthy", image: "reg/b:2", ready: 1, desired: 1 });
  });
});
