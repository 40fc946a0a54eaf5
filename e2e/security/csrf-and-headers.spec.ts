// Cross-site request forgery against every action and state-changing route, and the security
// headers of every page and route (with a real browser: no CSP violation, no framing).
import { createServer, type Server } from "node:http";
import { expect, test } from "./support/test";
import { ACTION_ROWS, ROUTE_ROWS } from "./access-matrix";
import { pageUrls } from "./pages";
import { changed, query, releasesSettled, snapshot } from "./support/server";

// What a page on another origin can make the admin's browser send: its Origin (or, for some
// requests, only Sec-Fetch-Site), with the admin's cookies. `origin: ""` sends none.
const FORGED: Record<string, string>[] = [
  { origin: "http://evil.example" },
  { origin: "http://attacker.localhost:8080" },
  { origin: "null" },
  { origin: "", "sec-fetch-site": "cross-site" },
  { origin: "", "sec-fetch-site": "same-site" },
];

test("every action refuses a request forged from another origin, and nothing changes", async ({ world }) => {
  test.setTimeout(300_000);
  for (const row of ACTION_ROWS) {
    const input = await row.input(world, { id: world.users.admin.id, password: "unused-password" });
    for (const headers of FORGED) {
      await releasesSettled();
      const before = await snapshot();
      const answer = await world.callers.admin.action(row.file, row.name, input, headers);
      const label = `${row.name} ${JSON.stringify(headers)}`;
      expect.soft(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(403);
      await releasesSettled();
      expect.soft(changed(before, await snapshot()), `${label}: tables changed`).toEqual([]);
    }
  }
});

test("every state-changing route refuses a forged request and a body no script of ours sends", async ({ world }) => {
  test.setTimeout(180_000);
  // Machine routes carry no cookies and are refused without their secret (the access matrix).
  const changing = ROUTE_ROWS.filter((row) => !row.machine && !["GET", "HEAD", "OPTIONS"].includes(row.method));
  expect(changing.length).toBeGreaterThan(0);
  for (const row of changing) {
    const request = row.request(world);
    const body = request.raw?.body ?? JSON.stringify(request.json ?? {});
    const type = request.raw?.type ?? "application/json";
    for (const headers of FORGED) {
      await releasesSettled();
      const before = await snapshot();
      const response = await world.callers.admin.route(row.method, request.path, body, {
        "content-type": type,
        ...headers,
      });
      expect.soft(response.status(), `${row.method} ${request.path} ${JSON.stringify(headers)}`).toBe(403);
      await releasesSettled();
      expect.soft(changed(before, await snapshot()), `${request.path}: tables changed`).toEqual([]);
    }
  }
  // What a cross-site <form> can send at all: text/plain, urlencoded, multipart.
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
    const response = await world.callers.admin.route("POST", "/api/releases", "{}", { "content-type": type });
    expect.soft(response.status(), type).toBe(415);
  }
});

test("a page on another origin of the same site cannot deploy with the admin's session", async ({ browser, world }) => {
  const releases = async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM releases`))[0]!.n;
  const deploy = { appId: world.app.id, environmentId: world.environments.dev, tag: "6.6.6" };
  // The attack of the outside test: a text/plain form whose body happens to be JSON.
  const attacker: Server = createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<form id="f" method="POST" action="${world.baseURL}/api/releases" enctype="text/plain">
      <input name='${JSON.stringify(deploy).slice(0, -1)}, "x": "' value='"}'></form>
      <script>document.getElementById("f").submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  const port = (attacker.address() as { port: number }).port;
  const context = await browser.newContext({ storageState: await world.callers.admin.http.storageState() });
  const page = await context.newPage();
  const before = await releases();
  await releasesSettled();
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.url().endsWith("/api/releases")),
    page.goto(`http://localhost:${port}/`),
  ]);
  expect(response.status()).toBe(403);
  await releasesSettled();
  expect(await releases()).toBe(before);
  await context.close();
  await new Promise<void>((resolve) => attacker.close(() => resolve()));
});

test("every page and route answers with the security headers, and every script carries the nonce", async ({
  world,
}) => {
  test.setTimeout(180_000);
  const urls = [
    ...pageUrls(world),
    ...ROUTE_ROWS.filter((r) => r.method === "GET" && !r.stream).map((r) => r.request(world).path),
  ];
  for (const url of urls) {
    const response = await world.callers.admin.http.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect.soft(policy, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect.soft(policy, url).toContain("frame-ancestors 'none'");
    expect.soft(policy, url).not.toContain("unsafe-inline");
    expect.soft(headers["x-content-type-options"], url).toBe("nosniff");
    expect.soft(headers["referrer-policy"], url).toBe("same-origin");
    // Served over http here: no HSTS (it is sent over https only, lib/security/csp.ts).
    expect.soft(headers["strict-transport-security"], url).toBeUndefined();
    if (!(headers["content-type"] ?? "").startsWith("text/html")) continue;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect.soft(scripts.length, url).toBeGreaterThan(0);
    expect
      .soft(
        scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
        url,
      )
      .toEqual([]);
  }
});

test("pages run in the browser without a single CSP violation, and cannot be framed", async ({ browser, world }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ storageState: await world.callers.admin.http.storageState() });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`,
      ),
    );
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) consoleErrors.push(message.text());
  });
  for (const url of pageUrls(world)) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect.soft(violations, url).toEqual([]);
  }
  // The app still works under the policy: a client-side navigation and a server action.
  await page.goto(`/apps/${world.app.id}`);
  await page.getByRole("link", { name: "Releases" }).first().click();
  await expect(page).toHaveURL(/\/releases$/);
  expect(consoleErrors).toEqual([]);

  // Framed by another page: the browser refuses to show it.
  await page.setContent(`<iframe id="f" src="${world.baseURL}/apps" width="600" height="400"></iframe>`);
  const framed = await (await page.locator("#f").elementHandle())!.contentFrame();
  await framed?.waitForLoadState();
  const text = framed ? await framed.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
  expect(text).not.toContain(world.users.admin.email);
  await context.close();
});
