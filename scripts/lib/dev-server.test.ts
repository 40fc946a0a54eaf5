import { mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { afterAll, describe, expect, it } from "vitest";
import { CHROMIUM_LAUNCH } from "../../playwright.config";
import { makeUser } from "../../test/factories";
import { waitForHttp } from "./prepare";
import { freePort, startNext, stopNext } from "./next-process";

// `next dev` as people use it: in a real browser, opened on 127.0.0.1 and on the network address
// Next prints, signed in before and without JavaScript, started a second time with the browser
// that had the app open. Slow (two cold compiles on a busy machine), so generous bounds.
const COMPILE_MS = 300_000;

const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

const port = await freePort();
let output = "";
function startDev() {
  const child = startNext(
    ["dev", "--port", String(port)],
    { ...process.env, NODE_ENV: "development", NEXTAUTH_URL: `http://localhost:${port}` },
    { output: "pipe" },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

// True once React has taken over the element (its props are on the DOM node).
async function hydrated(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => Object.keys(element).some((key) => key.startsWith("__react")))
    .catch(() => false);
}

// Waits for the page to settle, then counts how often it reloads by itself.
async function reloadsWithin(page: Page, ms: number): Promise<number> {
  await page.waitForLoadState("load");
  let count = 0;
  const count1 = (frame: unknown) => {
    if (frame === page.mainFrame()) count++;
  };
  page.on("framenavigated", count1);
  await page.waitForTimeout(ms);
  page.off("framenavigated", count1);
  return count;
}

describe("npm run dev in a browser", () => {
  const profile = mkdtempSync(join(tmpdir(), "slipway-dev-profile-"));
  let browser: BrowserContext | undefined;
  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it(
    "works on 127.0.0.1 and the network address, signs in without JavaScript by POST, keeps passwords out of the terminal, and works the second time",
    async () => {
      const user = await makeUser("viewer", `dev-${Math.random().toString(36).slice(2)}-password`);
      let dev = startDev();
      try {
        expect(await waitForHttp(`http://127.0.0.1:${port}/api/health`, COMPILE_MS)).toBe(true);
        browser = await chromium.launchPersistentContext(profile, { ...CHROMIUM_LAUNCH, locale: "en-US" });
        const page = browser.pages()[0] ?? (await browser.newPage());
        page.setDefaultTimeout(COMPILE_MS);

        // Opened on 127.0.0.1: the page becomes interactive and signs in.
        await page.goto(`http://127.0.0.1:${port}/login`);
        await expect.poll(() => hydrated(page, "#email"), { timeout: COMPILE_MS }).toBe(true);
        await page.fill("#email", user.email);
        await page.fill("#password", user.password);
        await page.click("button[type=submit]");
        await page.waitForURL(/\/apps$/);
        await expect.poll(() => hydrated(page, "[data-testid=language-switcher]"), { timeout: COMPILE_MS }).toBe(true);
        expect(await reloadsWithin(page, 8_000)).toBe(0);

        // Opened on the network address Next prints.
        if (networkAddress) {
          const remote = await browser.newPage();
          await remote.goto(`http://${networkAddress}:${port}/login`, { timeout: COMPILE_MS });
          await expect.poll(() => hydrated(remote, "#email"), { timeout: COMPILE_MS }).toBe(true);
          await remote.close();
        }

        // A form posted before any JavaScript runs: a POST, and the password in no URL.
        const plain = await chromium.launch(CHROMIUM_LAUNCH);
        const noScript = await plain.newPage({ javaScriptEnabled: false });
        const urls: string[] = [];
        noScript.on("request", (request) => urls.push(`${request.method()} ${request.url()}`));
        await noScript.goto(`http://127.0.0.1:${port}/login`, { timeout: COMPILE_MS });
        await noScript.fill("#email", user.email);
        await noScript.fill("#password", user.password);
        await noScript.click("button[type=submit]");
        await noScript.waitForURL(/\/apps$/, { timeout: COMPILE_MS });
        await plain.close();
        expect(urls.some((url) => url.startsWith("POST ") && url.includes("/login"))).toBe(true);
        expect(
          urls.filter((url) => url.includes(encodeURIComponent(user.password)) || url.includes(user.password)),
        ).toEqual([]);
        expect(output).not.toContain(user.password);
        expect(output).not.toMatch(/Blocked cross-origin request/i);

        // The second start, with the browser that had the app open.
        await page.close();
        await stopNext(dev);
        dev = startDev();
        expect(await waitForHttp(`http://127.0.0.1:${port}/api/health`, COMPILE_MS)).toBe(true);
        const again = await browser.newPage();
        again.setDefaultTimeout(COMPILE_MS);
        await again.goto(`http://127.0.0.1:${port}/apps`);
        await expect.poll(() => hydrated(again, "[data-testid=language-switcher]"), { timeout: COMPILE_MS }).toBe(true);
        // A new server session may reload an old page once; after that it must stay.
        await reloadsWithin(again, 5_000);
        expect(await reloadsWithin(again, 15_000)).toBe(0);
      } finally {
        await stopNext(dev);
      }
    },
    4 * COMPILE_MS,
  );
});
