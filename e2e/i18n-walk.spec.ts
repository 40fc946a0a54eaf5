import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { expect, test } from "./fixtures";
import { cjkText, latinWords } from "./walk/language-check";
import { pagesFor, type WalkRole } from "./walk/pages";
import { seedWorld, type WalkWorld } from "./walk/seed";
import { visibleText } from "./walk/visible-text";

// Every page and state each role can reach, read in 简体中文 and in English: a Chinese page
// shows no English word outside the allowed names (lib: e2e/walk/language-check.ts) and what
// is marked as data; an English page shows no Chinese outside data; no page logs an error
// (a hydration mismatch included). The app, release and audit pages are kept as screenshots
// in test-results/screenshots/, 1440 px and 390 px wide.

const LOCALES = [
  { locale: "zh-CN", timezoneId: "Asia/Shanghai" },
  { locale: "en", timezoneId: "Europe/Berlin" },
] as const;
const ROLES: WalkRole[] = ["admin", "ops", "developer", "tester", "viewer"];
const SCREENSHOTS: Record<string, string> = {
  "app in dev": "app",
  "a failed release": "release",
  audit: "audit",
};

let world: WalkWorld;

// Seeded once per run: a worker started again after a failed test reads what the first made
// (test-results/ is emptied at the start of every run, like the database).
const WORLD_FILE = "test-results/walk-world.json";

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  if (existsSync(WORLD_FILE)) {
    world = JSON.parse(readFileSync(WORLD_FILE, "utf8")) as WalkWorld;
    return;
  }
  world = await seedWorld(browser);
  mkdirSync("test-results", { recursive: true });
  writeFileSync(WORLD_FILE, JSON.stringify(world));
});

async function signIn(browser: Browser, role: WalkRole, locale: string, timezoneId: string) {
  const context = await browser.newContext({
    locale,
    timezoneId,
    extraHTTPHeaders: { "accept-language": locale },
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error on ${page.url()}: ${message.text().slice(0, 300)}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  await new LoginPage(page).login(world.users[role].email, world.users[role].password);
  // The saved language of a user wins over the browser's: set it to this walk's.
  await page.getByTestId("language-switcher").first().selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  return { page, problems };
}

function check(locale: string, where: string, pieces: Awaited<ReturnType<typeof visibleText>>): string[] {
  const found = locale === "zh-CN" ? latinWords(pieces) : cjkText(pieces);
  return found.map((problem) => `${where}: ${problem}`);
}

for (const { locale, timezoneId } of LOCALES) {
  for (const role of ROLES) {
    test(`${locale}: every page a ${role} can reach reads in ${locale}, without console errors`, async ({
      browser,
    }) => {
      test.setTimeout(600_000);
      const { page, problems } = await signIn(browser, role, locale, timezoneId);
      for (const entry of pagesFor(role)) {
        const found: string[] = [];
        const before = problems.length;
        const response = await page.goto(entry.path(world));
        expect(response?.status(), entry.name).toBe(entry.status ?? 200);
        await page.waitForLoadState("load");
        // The browser reports the page's own status as a failed load; nothing else is excused.
        if (entry.status)
          problems.splice(
            before,
            problems.length - before,
            ...problems.slice(before).filter((p) => !p.includes(`status of ${entry.status}`)),
          );
        found.push(...check(locale, entry.name, await visibleText(page)));
        const shot = SCREENSHOTS[entry.name];
        if (shot && role === "developer") {
          await page.screenshot({ path: `test-results/screenshots/${shot}-${locale}-1440.png`, fullPage: true });
          await page.setViewportSize({ width: 390, height: 844 });
          await page.screenshot({ path: `test-results/screenshots/${shot}-${locale}-390.png`, fullPage: true });
          await page.setViewportSize({ width: 1440, height: 900 });
        }
        for (const state of entry.states ?? []) {
          if (state.roles && !state.roles.includes(role)) continue;
          await page.goto(entry.path(world));
          await state.enter(page as Page, world);
          found.push(...check(locale, `${entry.name} (${state.name})`, await visibleText(page)));
        }
        expect.soft(found, `text in the wrong language on ${entry.name}`).toEqual([]);
      }
      await page.context().close();
      expect(problems, "console errors").toEqual([]);
    });
  }

  test(`${locale}: the sign-in page reads in ${locale}`, async ({ browser }) => {
    const context = await browser.newContext({ locale, timezoneId, extraHTTPHeaders: { "accept-language": locale } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    const found = check(locale, "sign-in", await visibleText(page));
    await context.close();
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
  });
}
