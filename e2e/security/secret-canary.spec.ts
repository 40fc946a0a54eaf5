// Secret canary crawl: unique values planted where secrets live (a secret parameter that was
// deployed, a webhook URL's key, a kubeconfig token, a password) must never come back: not in
// any page's HTML or RSC payload, any route's answer or the audit export, for any principal,
// nor in the server's log.
import { expect, test } from "./support/test";
import { ROUTE_ROWS } from "./access-matrix";
import { pageUrls } from "./pages";
import { serverLog } from "./support/server";
import { PRINCIPALS, type World } from "./support/world";

function leaks(world: World, text: string): string[] {
  return Object.entries(world.canaries)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

test("no page, RSC payload, route or export shows a planted secret, to anyone", async ({ world }) => {
  test.setTimeout(600_000);
  const urls = pageUrls(world);
  const gets = ROUTE_ROWS.filter((row) => row.method === "GET" && !row.stream).map((row) => row.request(world).path);
  let read = 0;
  for (const who of PRINCIPALS) {
    const caller = world.callers[who];
    for (const url of [...urls, ...gets, "/api/audit/export"]) {
      for (const headers of [{}, { rsc: "1" }] as Record<string, string>[]) {
        const response = await caller.http.get(url, { headers, maxRedirects: 5 });
        const body = await response.text();
        read += body.length;
        expect.soft(response.status(), `${who} ${url} ${JSON.stringify(headers)}`).toBeLessThan(500);
        expect.soft(leaks(world, body), `${who} ${url} ${JSON.stringify(headers)}`).toEqual([]);
      }
    }
  }
  // The crawl read the pages that hold the planted values (the app and its release) as admin.
  expect(read).toBeGreaterThan(100_000);
});

test("the admin's pages show where the secrets are, masked", async ({ world }) => {
  const app = await (await world.callers.admin.http.get(`/apps/${world.app.id}?env=dev`)).text();
  expect(app).toContain("API_KEY");
  expect(app).toContain("••••••");
  const release = await (await world.callers.admin.http.get(`/releases/${world.release.id}`)).text();
  expect(release).toContain("WECOM_WEBHOOK");
});

test("the server's log never shows a planted secret", ({ world }) => {
  const log = serverLog();
  expect(log.length).toBeGreaterThan(0);
  expect(leaks(world, log)).toEqual([]);
});
