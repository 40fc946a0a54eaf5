// Role x action x team: every row of access-matrix.ts called as every principal, on the real
// server and database. Allowed calls succeed; refused ones answer 401/403 (or the action's
// forbidden/unauthenticated error) and leave every table as it was.
import { expect, test } from "./support/test";
import { ACTION_ROWS, ROUTE_ROWS } from "./access-matrix";
import { discoverActions, discoverRoutes } from "./support/discover";
import { changed, releasesSettled, snapshot } from "./support/server";
import { PRINCIPALS, type Principal, type Role } from "./support/world";

const ROLE_OF: Record<Principal, Role | null> = {
  admin: "admin",
  ops: "ops",
  developer: "developer",
  outsider: "developer",
  tester: "tester",
  viewer: "viewer",
  disabled: null,
  anonymous: null,
};

// An event stream's status and headers, its first event read, then closed: `text()` is what
// arrived by then.
async function openStream(baseURL: string, path: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(new URL(path, baseURL), { headers: { cookie }, signal: controller.signal });
  const first =
    response.ok && response.body
      ? new TextDecoder().decode((await response.body.getReader().read()).value)
      : await response.text();
  controller.abort();
  return { status: () => response.status, text: async () => first };
}

test("every server action and every route method has a row", () => {
  const rows = new Set(ACTION_ROWS.map((row) => `${row.file} ${row.name}`));
  const missing = discoverActions().filter((action) => !rows.has(`${action.file} ${action.name}`));
  expect(missing, "add these actions to e2e/security/access-matrix.ts").toEqual([]);
  const routeRows = new Set(ROUTE_ROWS.map((row) => `${row.file} ${row.method}`));
  const routes = discoverRoutes().flatMap((route) => route.methods.map((method) => `${route.file} ${method}`));
  expect(
    routes.filter((route) => !routeRows.has(route)),
    "add these routes to e2e/security/access-matrix.ts",
  ).toEqual([]);
  expect(ACTION_ROWS.length + ROUTE_ROWS.length).toBeGreaterThan(20);
});

for (const row of ACTION_ROWS) {
  test(`action ${row.name}`, async ({ world }) => {
    test.setTimeout(300_000);
    for (const who of PRINCIPALS) {
      const allowed = row.allow.includes(who);
      const role = ROLE_OF[who];
      const fresh = allowed && row.freshCaller && role ? await world.fresh(role) : undefined;
      const input = await row.input(world, fresh);
      await releasesSettled();
      const before = await snapshot();
      const answer = await (fresh?.caller ?? world.callers[who]).action(row.file, row.name, input);
      await fresh?.caller.dispose();
      const summary = `${row.name} as ${who}: ${answer.status} ${answer.result ? JSON.stringify(answer.result).slice(0, 300) : answer.body.slice(0, 300)}`;
      expect.soft(answer.status, summary).toBe(200);
      if (row.signIn) {
        // Not a form (the matrix posts JSON): the form's "fill in both fields", no session, and
        // nothing but the sign-in throttle may change.
        expect.soft(answer.body, summary).toContain("required");
        await releasesSettled();
        expect
          .soft(
            changed(before, await snapshot()).filter((t) => t !== "login_throttles" && t !== "audit_events"),
            summary,
          )
          .toEqual([]);
        continue;
      }
      if (allowed && row.allowedError) {
        expect.soft(answer.result?.error?.code, summary).toBe(row.allowedError);
        continue;
      }
      if (allowed) {
        expect.soft(answer.result?.ok, summary).toBe(true);
        continue;
      }
      expect.soft(answer.result?.ok, summary).toBe(false);
      expect
        .soft(answer.result?.error?.code, summary)
        .toBe(who === "anonymous" || who === "disabled" ? "unauthenticated" : "forbidden");
      await releasesSettled();
      expect.soft(changed(before, await snapshot()), `${summary}: tables changed`).toEqual([]);
    }
  });
}

for (const row of ROUTE_ROWS) {
  test(`route ${row.method} ${row.file.replace(/^app|\/route\.ts$/g, "")}`, async ({ world }) => {
    test.setTimeout(120_000);
    for (const who of PRINCIPALS) {
      const allowed = row.allow.includes(who);
      const request = row.request(world);
      await releasesSettled();
      const before = await snapshot();
      const response = row.stream
        ? await openStream(world.baseURL, request.path, await world.callers[who].cookieHeader())
        : await world.callers[who].route(
            row.method,
            request.path,
            request.raw?.body ?? request.json,
            request.raw ? { "content-type": request.raw.type } : {},
          );
      const summary = `${row.method} ${request.path} as ${who}: ${response.status()} ${(await response.text()).slice(0, 200)}`;
      if (allowed) {
        expect.soft(response.status(), summary).toBeGreaterThanOrEqual(200);
        expect.soft(response.status(), summary).toBeLessThan(300);
        continue;
      }
      expect
        .soft(response.status(), summary)
        .toBe(row.machine || who === "anonymous" || who === "disabled" ? 401 : 403);
      await releasesSettled();
      const recorded = new Set(row.refusalRecords ?? []);
      expect
        .soft(
          changed(before, await snapshot()).filter((table) => !recorded.has(table)),
          `${summary}: tables changed`,
        )
        .toEqual([]);
    }
  });
}
