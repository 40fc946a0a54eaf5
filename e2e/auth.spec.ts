import { createUserAsAdmin, E2E_ADMIN, expect, signedInPage, test, uniqueEmail } from "./fixtures";

test.describe("sign-in", () => {
  test("a wrong password and an unknown account get the same clear message", async ({ loginPage, page }) => {
    await loginPage.goto();
    await loginPage.submit(E2E_ADMIN.email, "not-the-password");
    await expect(loginPage.error()).toHaveText("Email or password is incorrect.");
    await loginPage.submit(uniqueEmail("nobody"), "whatever-password");
    await expect(loginPage.error()).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("without JavaScript (or before it has run) the form signs in by POST, the password in no URL", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.goto("/login?callbackUrl=/releases");
    await page.locator("#email").fill(E2E_ADMIN.email);
    await page.locator("#password").fill(E2E_ADMIN.password);
    await page.locator("button[type=submit]").click();
    await expect(page).toHaveURL(/\/releases$/);
    expect(requests).toContainEqual(expect.stringMatching(/^POST .*\/login/));
    expect(requests.filter((line) => line.includes("password") || line.includes(E2E_ADMIN.password))).toEqual([]);
    // A wrong password, still without JavaScript: the page says so.
    await context.clearCookies();
    await page.goto("/login");
    await page.locator("#email").fill(E2E_ADMIN.email);
    await page.locator("#password").fill("not-the-password");
    await page.locator("button[type=submit]").click();
    await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect.");
    await context.close();
  });

  test("a signed-out browser's sign-in page is kept once rendered: a fresh nonce each time, and it still works", async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: "en-US" });
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
      );
    });
    const page = await context.newPage();
    const documents: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documents.push(request.url());
    });
    // The page's style sheet, scripts and fonts, and who answered each.
    const statics: { url: string; status: number; timing: string }[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/_next/static/"))
        statics.push({
          url: response.url(),
          status: response.status(),
          timing: response.headers()["server-timing"] ?? "",
        });
    });
    // A return address no other test asks for: the first answer is a render, the second the copy.
    const back = `/releases?from=${Date.now()}`;
    const url = `/login?callbackUrl=${encodeURIComponent(back)}`;
    const answers: { timing: string; nonce: string }[] = [];
    for (let visit = 0; visit < 2; visit++) {
      const response = (await page.goto(url))!;
      const headers = response.headers();
      const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1] ?? "";
      answers.push({ timing: headers["server-timing"] ?? "", nonce });
      // Every script of the page carries this answer's nonce.
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    }
    const [first, second] = answers;
    expect(first!.timing).toContain('login-page;desc="rendered"');
    expect(second!.timing).toContain('login-page;desc="kept"');
    // Answered by the front of `npm start` (scripts/lib/front.ts), which the tests serve through.
    expect(second!.timing).toContain("front");
    expect(second!.nonce).not.toBe(first!.nonce);
    // Its style sheet and scripts come from the front too, never waiting behind Next.js's renders.
    expect(statics.some((file) => file.url.endsWith(".css"))).toBe(true);
    expect(statics.some((file) => file.url.endsWith(".js"))).toBe(true);
    expect(statics.filter((file) => file.status !== 200 || file.timing !== "front")).toEqual([]);

    // The kept page runs: its language switch (client code and a server action) works, the
    // Chinese page is then kept too, and the form signs in and goes back where it was asked to.
    const loads = documents.length;
    await page.getByTestId("language-switcher").selectOption("zh-CN");
    await expect(page.getByRole("heading", { name: "登录 Slipway" })).toBeVisible();
    // In place: the router's refresh got its own answer from Next.js, not the copy's HTML (which
    // makes Next.js reload the whole page, and loses what a person typed meanwhile).
    expect(documents.length).toBe(loads);
    await page.reload();
    await expect(page.getByRole("heading", { name: "登录 Slipway" })).toBeVisible();
    const again = (await page.goto(url))!;
    expect(again.headers()["server-timing"]).toContain('login-page;desc="kept"');
    await expect(page.getByRole("heading", { name: "登录 Slipway" })).toBeVisible();
    await page.locator("#email").fill(E2E_ADMIN.email);
    await page.locator("#password").fill(E2E_ADMIN.password);
    await page.locator("button[type=submit]").click();
    await expect(page).toHaveURL(new RegExp(`${back.replace(/[?]/g, "\\?")}$`));
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

    // Signed in, /login is rendered for the session (and sends the reader on), not taken from the copy.
    const signedIn = await context.request.get("/login", { maxRedirects: 0 });
    expect(signedIn.status()).toBe(307);
    expect(signedIn.headers()["location"]).toMatch(/\/apps$/);
    expect(signedIn.headers()["server-timing"] ?? "").not.toContain("login-page");
    await context.close();
  });

  test("empty fields are asked for, not sent", async ({ loginPage }) => {
    await loginPage.goto();
    await loginPage.submit("", "");
    await expect(loginPage.error()).toHaveText("Enter your email and password.");
  });

  test("the admin signs in, sees their role, and signs out", async ({ loginPage, page }) => {
    await loginPage.login(E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page.getByTestId("current-user")).toContainText(E2E_ADMIN.email);
    await expect(page.getByTestId("current-role")).toHaveText("Admin");
    for (const item of ["Apps", "Releases", "Alerts", "Audit", "Settings"]) {
      await expect(
        page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: item }),
      ).toBeVisible();
    }
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/apps");
    await expect(page).toHaveURL(/\/login/);

    await loginPage.login(E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`/audit?actor=${E2E_ADMIN.email}&action=auth.logout`);
    await expect(page.getByTestId("audit-row").first()).toContainText(`${E2E_ADMIN.email} signed out`);
  });

  test("routes answer 401 without a session", async ({ request }) => {
    const response = await request.get("/api/audit/export");
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in first." } });
  });

  test("a session cookie that was altered is refused like no session", async ({
    loginPage,
    page,
    playwright,
    baseURL,
  }) => {
    await loginPage.login(E2E_ADMIN.email, E2E_ADMIN.password);
    const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session, "the sign-in sets a session cookie").toBeDefined();
    const ask = async (token: string) => {
      const client = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { cookie: `${session!.name}=${token}` },
      });
      const response = await client.get("/api/audit/export");
      await client.dispose();
      return response.status();
    };
    expect(await ask(session!.value)).toBe(200);
    // One character of the encrypted token changed: it no longer decrypts.
    const middle = Math.floor(session!.value.length / 2);
    const flipped = session!.value[middle] === "A" ? "B" : "A";
    expect(await ask(session!.value.slice(0, middle) + flipped + session!.value.slice(middle + 1))).toBe(401);
    expect(await ask("not-a-token")).toBe(401);
  });

  test("logging out ends the session on the server: a copy of the cookie stops working", async ({
    usersPage,
    browser,
    playwright,
    baseURL,
  }) => {
    const user = await createUserAsAdmin(usersPage, "viewer", "logout");
    const page = await signedInPage(browser, user.email, user.password);
    const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    const copy = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { cookie: `${session!.name}=${session!.value}` },
    });
    expect((await copy.get("/api/audit/export")).status()).toBe(200);
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await copy.get("/api/audit/export")).status()).toBe(401);
    const apps = await copy.get("/apps", { maxRedirects: 0 });
    expect(apps.headers().location ?? "").toContain("/login");
    await copy.dispose();
    await page.context().close();
  });
});
