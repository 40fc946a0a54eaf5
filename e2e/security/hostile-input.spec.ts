// The hostile corpus over every action (access-matrix.ts rows) and route, as the admin (whose
// calls reach every check): never a 500, and whatever is refused changes no table.
import { expect, test } from "./support/test";
import { HOSTILE_STRINGS } from "../../lib/templates/test-support/hostile-strings";
import { ACTION_ROWS } from "./access-matrix";
import { actionTarget, type ActionAnswer } from "./support/caller";
import { changed, releasesSettled, snapshot } from "./support/server";
import { unique } from "./support/world";

// JSON text of a value nested `levels` deep (JSON.stringify itself would run out of stack).
const deep = (levels: number): string => `${"[".repeat(levels)}"leaf"${"]".repeat(levels)}`;

// Bodies no browser of ours sends: not JSON, empty, too deep, too large, the wrong shape.
const BODIES: [string, string][] = [
  ["not JSON", "{nope"],
  ["empty", ""],
  ["10,000 levels deep", `[${deep(10_000)}]`],
  ["over 4 MB", JSON.stringify([{ text: "x".repeat(4 * 1024 * 1024 + 10) }])],
  ["null", "[null]"],
  ["a string", '["x"]'],
  ["a number", "[42]"],
  ["a list", "[[]]"],
  ["an empty object", "[{}]"],
  ["no argument", "[]"],
];

// Values for fields with a grammar (ids, enums, tags...): each must be refused.
const STRICT_FIELD = /(^id$|Id$|Ids$|^locale$|^role$|^decision$|^clusterMode$)/;
const BAD_IDS: unknown[] = [
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "00000000-0000-0000-0000-000000000000' OR '1'='1",
  "../../etc/passwd",
  "\u0000",
  " ",
  "x".repeat(10_000),
  42,
  null,
  true,
  { $gt: "" },
  ["a"],
];

// Free text: anything may be accepted, nothing may break.
const TEXT: string[] = [
  ...HOSTILE_STRINGS.filter((_value, index) => index % 6 === 0),
  "<script>alert(1)</script>",
  "'; DROP TABLE users; --",
  "{{7*7}} ${7*7} %s%n",
  "\u0000 nul",
  "lone \ud800 surrogate",
  "x".repeat(1_100_000),
];

type Leaf = { path: string[]; key: string };

function stringLeaves(value: unknown, path: string[] = []): Leaf[] {
  if (typeof value === "string") return [{ path, key: path.at(-1) ?? "" }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, String(index)]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) => stringLeaves(inner, [...path, key]));
  return [];
}

// Identifiers of other systems, with their own grammar (a WeCom corp, agent or user id, a Grafana
// panel's number): free text here, not Slipway's ids.
const FOREIGN_ID = /^(wecomCorpId|wecomAgentId|wecomUserId)$|^panels\./;

function fieldOf(path: string[]): string {
  return [...path].reverse().find((part) => !/^\d+$/.test(part)) ?? "";
}

// A field that holds one of Slipway's ids or a fixed choice.
function isStrict(path: string[]): boolean {
  return !FOREIGN_ID.test(path.join(".")) && STRICT_FIELD.test(fieldOf(path));
}

function replaced(value: unknown, path: string[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value))
    return value.map((item, index) => (String(index) === head ? replaced(item, rest, next) : item));
  return { ...(value as object), [head]: replaced((value as Record<string, unknown>)[head], rest, next) };
}

function describe(answer: ActionAnswer): string {
  return `${answer.status} ${answer.result ? JSON.stringify(answer.result).slice(0, 200) : answer.body.slice(0, 200)}`;
}

// One hostile call: no 500; refused (4xx, or ok:false) means no table changed, but for the
// tables a refusal itself writes to (`recorded`).
async function expectSafe(label: string, call: () => Promise<ActionAnswer>, recorded: string[] = []): Promise<void> {
  await releasesSettled();
  const before = await snapshot();
  const answer = await call();
  expect.soft(answer.status, `${label}: ${describe(answer)}`).toBeLessThan(500);
  if (answer.result?.ok === true) return;
  expect.soft(answer.result?.error?.code, `${label}: ${describe(answer)}`).not.toBe("internal");
  await releasesSettled();
  const tables = changed(before, await snapshot()).filter((table) => !recorded.includes(table));
  expect.soft(tables, `${label} was refused: tables changed`).toEqual([]);
}

// A wrong current password is counted and audited by design (lib/auth/password-throttle.ts).
const RECORDS_WRONG_PASSWORDS = ["login_throttles", "audit_events"];

test("every action: malformed bodies answer 4xx and change nothing", async ({ world }) => {
  test.setTimeout(600_000);
  for (const row of ACTION_ROWS) {
    const { id, page } = actionTarget(row.file, row.name);
    for (const [label, body] of BODIES)
      await expectSafe(`${row.name} with ${label}`, () => world.callers.admin.rawAction(id, page, body));
  }
});

test("every action: a value outside its field's grammar is refused and changes nothing", async ({ world }) => {
  test.setTimeout(900_000);
  for (const row of ACTION_ROWS) {
    const input = await row.input(world);
    const strict = stringLeaves(input).filter((leaf) => isStrict(leaf.path));
    for (const leaf of strict)
      for (const bad of BAD_IDS) {
        const label = `${row.name} ${leaf.path.join(".")}=${JSON.stringify(bad).slice(0, 40)}`;
        await releasesSettled();
        const before = await snapshot();
        const answer = await world.callers.admin.action(row.file, row.name, replaced(input, leaf.path, bad));
        expect.soft(answer.status, `${label}: ${describe(answer)}`).toBeLessThan(500);
        expect.soft(answer.result?.ok, `${label}: ${describe(answer)}`).toBe(false);
        expect.soft(answer.result?.error?.code, `${label}: ${describe(answer)}`).not.toBe("internal");
        await releasesSettled();
        expect.soft(changed(before, await snapshot()), `${label}: tables changed`).toEqual([]);
      }
  }
});

test("every action: hostile text in any other field never breaks anything", async ({ world }) => {
  test.setTimeout(1_200_000);
  for (const row of ACTION_ROWS) {
    const leaves = stringLeaves(await row.input(world, { id: "", password: "" }));
    for (const leaf of leaves.filter((candidate) => !isStrict(candidate.path))) {
      // A call that ends its caller's sessions is made by a new user, with their own password.
      const fresh = row.freshCaller ? await world.fresh("viewer") : undefined;
      const caller = fresh?.caller ?? world.callers.admin;
      const input = await row.input(world, fresh);
      for (const text of TEXT) {
        // Names must stay unique for a call that is accepted to be the only one of its kind.
        const value = /name$/i.test(leaf.key) && text.length < 100 ? `${text}${unique("")}` : text;
        await expectSafe(
          `${row.name} ${leaf.path.join(".")}=${JSON.stringify(text).slice(0, 40)}`,
          () => caller.action(row.file, row.name, replaced(input, leaf.path, value)),
          row.freshCaller ? RECORDS_WRONG_PASSWORDS : [],
        );
      }
      await fresh?.caller.dispose();
    }
  }
});

test("routes: bad bodies and parameters answer 4xx before anything is written or streamed", async ({ world }) => {
  test.setTimeout(300_000);
  const admin = world.callers.admin;
  const deploy = { appId: world.app.id, environmentId: world.environments.dev, tag: "1.0.9" };
  const posts: [string, string, string, number][] = [
    ["text/plain", "text/plain", JSON.stringify(deploy), 415],
    ["not JSON", "application/json", "{nope", 400],
    ["10,000 levels", "application/json", `${JSON.stringify(deploy).slice(0, -1)}, "x": ${deep(10_000)}}`, 400],
    ["2 MB", "application/json", JSON.stringify({ ...deploy, description: "x".repeat(2 * 1024 * 1024) }), 413],
    ["empty object", "application/json", "{}", 400],
    ["bad app id", "application/json", JSON.stringify({ ...deploy, appId: "../../x" }), 400],
    [
      "unknown app",
      "application/json",
      JSON.stringify({ ...deploy, appId: "00000000-0000-0000-0000-000000000000" }),
      404,
    ],
    ["bad tag", "application/json", JSON.stringify({ ...deploy, tag: "1.0; rm -rf /" }), 400],
    ["NUL", "application/json", JSON.stringify({ ...deploy, description: "a\u0000b" }), 400],
  ];
  for (const [label, type, body, status] of posts) {
    await releasesSettled();
    const before = await snapshot();
    const response = await admin.route("POST", "/api/releases", body, { "content-type": type });
    expect
      .soft(response.status(), `POST /api/releases ${label}: ${(await response.text()).slice(0, 200)}`)
      .toBe(status);
    await releasesSettled();
    expect.soft(changed(before, await snapshot()), `POST /api/releases ${label}: tables changed`).toEqual([]);
  }
  const gets: [string, number][] = [
    // (The export always starts from the newest row: it takes no cursor.)
    ["/api/audit/export?from=99999-01-01", 400],
    ["/api/audit/export?to=0000-01-01", 400],
    ["/api/audit/export?actor=%00", 400],
    [`/api/apps/${world.app.id}/logs?env=nope&pod=x&container=app`, 400],
    [`/api/apps/${world.app.id}/logs?env=${world.environments.dev}&pod=..%2F..&container=app`, 400],
    [`/api/apps/${world.app.id}/logs?env=${world.environments.dev}&pod=x&container=app&tailLines=99999999`, 400],
    ["/api/apps/not-an-id/logs", 404],
    ["/api/apps/search?team=not-an-id", 400],
    ["/api/apps/search?q=%00", 400],
    ["/api/releases/not-an-id/events", 400],
    ["/api/releases/00000000-0000-0000-0000-000000000000/events", 404],
  ];
  for (const [path, status] of gets) {
    const response = await admin.http.get(path);
    expect.soft(response.status(), `${path}: ${(await response.text()).slice(0, 200)}`).toBe(status);
    expect.soft(response.headers()["content-type"] ?? "", path).toContain("application/json");
  }
});

test("pages: hostile query values and path ids answer a page, never an error", async ({ world }) => {
  const pages = [
    "/audit?cursor=9999-99-99T00:00:00Z_1&from=99999-01-01&actor=%00",
    "/audit?cursor=x&to=yesterday&limit=-1",
    "/releases?cursor=garbage&app=..%2F..&status=%00&env=%3Cscript%3E",
    "/releases?cursor=2026-01-01T00:00:00Z_not-a-uuid",
    "/apps?after=garbage&page=-3",
    "/apps?before=WyJhIiwiYiJd&page=2",
    "/apps/not-an-id",
    "/apps/00000000-0000-0000-0000-000000000000",
    "/releases/not-an-id",
    `/apps/${world.app.id}?env=%00`,
    "/login?callbackUrl=%2F%2Fevil.test%2Fphish&error=%00",
  ];
  for (const path of pages) {
    const response = await world.callers.admin.http.get(path);
    expect.soft(response.status(), path).toBeLessThan(500);
  }
  const invalid = await (await world.callers.admin.http.get("/audit?from=99999-01-01")).text();
  expect(invalid).toContain("Not a valid filter, left out: from.");
});

test("sign-in: hostile emails and passwords answer like wrong ones", async ({ world }) => {
  test.setTimeout(120_000);
  const anonymous = world.callers.anonymous;
  const values = ["", "\u0000", "x".repeat(10_000), "' OR 1=1 --", "admin@slipway.test\u0000", "a@b", "🚀@🚀"];
  for (const [index, email] of values.entries())
    for (const password of values) {
      const csrf = (await (await anonymous.http.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await anonymous.http.post("/api/auth/callback/credentials", {
        form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
        // Each attempt from its own address (the test server trusts loopback as a proxy), so
        // that these failures lock out no address the other tests sign in from.
        headers: { origin: world.baseURL, "x-forwarded-for": `198.18.${index}.${values.indexOf(password) + 1}` },
        maxRedirects: 0,
      });
      expect
        .soft(response.status(), `${JSON.stringify(email).slice(0, 30)} ${JSON.stringify(password).slice(0, 30)}`)
        .toBeLessThan(500);
    }
});
