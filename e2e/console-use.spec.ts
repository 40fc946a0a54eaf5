import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createUserAsAdmin, E2E_ADMIN, expect, signedInPage, test } from "./fixtures";
import { AppPage, ReleasePage } from "./pages/app-page";
import { createApp, createTeam } from "./support/team-app";

// The console in people's hands (issues 10 and 11): what broke when the single operations were
// strung together, each checked as a person would notice it.

async function appOfNewTeam(browser: Browser, adminPage: Page, developer: { email: string; password: string }) {
  const team = `use${randomBytes(3).toString("hex")}`;
  await createTeam(adminPage, { name: team }, [{ name: "E2E developer", email: developer.email }]);
  const page = await signedInPage(browser, developer.email, developer.password);
  const appUrl = await createApp(page, { name: "web", team, repository: "harbor.example.com/use/web" });
  return { page, team, appUrl };
}

test("secret values and config files get rows from Add, are saved, and come back masked", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  const dev = await createUserAsAdmin(usersPage, "developer", "rows");
  const { page, appUrl } = await appOfNewTeam(browser, adminPage, dev);
  await new AppPage(page).goto(appUrl, "dev");
  const secrets = page.getByTestId("param-secretValues");
  const files = page.getByTestId("param-configFiles");
  await secrets.getByRole("button", { name: "Add" }).click();
  await expect(secrets.getByTestId("param-secretValues-row")).toHaveCount(1);
  await secrets.getByLabel("Key").fill("API_TOKEN");
  await secrets.getByLabel("Value").fill("t0ps3cret-value");
  await files.getByRole("button", { name: "Add" }).click();
  await expect(files.getByTestId("param-configFiles-row")).toHaveCount(1);
  await files.getByLabel("File name").fill("app.properties");
  await files.getByLabel("Content").fill("mode=fast");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.reload();
  await expect(secrets.getByLabel("Key")).toHaveValue("API_TOKEN");
  await expect(secrets.getByLabel("Value")).toHaveValue("");
  await expect(files.getByLabel("Content")).toHaveValue("mode=fast");
  await expect(page.getByTestId("rendered-yaml")).toContainText("app.properties");
  await expect(page.getByTestId("rendered-yaml")).not.toContainText("t0ps3cret-value");
  await page.context().close();
});

test("parameters read as titled sections, advanced ones folded, keys as hints; a developer cannot change replicas", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  const dev = await createUserAsAdmin(usersPage, "developer", "form");
  const { page, appUrl } = await appOfNewTeam(browser, adminPage, dev);
  await new AppPage(page).goto(appUrl, "dev");
  for (const section of ["Resources", "Health checks", "Networking", "Scaling", "Configuration and secrets"])
    await expect(page.getByRole("heading", { name: section, exact: true })).toBeVisible();
  const replicas = page.getByTestId("param-replicas");
  await expect(replicas).toContainText("Replicas");
  await expect(replicas.locator("code")).toHaveText("replicas");
  await expect(replicas.locator("#param-replicas")).toBeDisabled();
  await expect(replicas).toContainText("Only ops or an admin can change this.");
  // Folded until opened.
  await expect(page.locator("#param-configMountPath")).toBeHidden();
  await page.getByTestId("params-config").getByText("Advanced (1)").click();
  await expect(page.locator("#param-configMountPath")).toBeVisible();
  await page.context().close();

  // Ops may.
  const opsPage = await signedInPage(browser, E2E_ADMIN.email, E2E_ADMIN.password);
  await opsPage.goto(`${appUrl}?env=dev`);
  await expect(opsPage.locator("#param-replicas")).toBeEnabled();
  await opsPage.context().close();
});

test("the loser of a deploy race reads why; the winner's live page opens at once, in time order, with the tag that runs", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "race");
  const { page, appUrl } = await appOfNewTeam(browser, adminPage, dev);
  const other = await signedInPage(browser, dev.email, dev.password);
  const mine = new AppPage(page);
  const theirs = new AppPage(other);
  await mine.goto(appUrl, "dev");
  await theirs.goto(appUrl, "dev");
  await mine.previewDeploy("1.0.0");
  await theirs.previewDeploy("1.0.0");
  const deploy = (p: Page) => p.getByRole("button", { name: /^Deploy .*:1\.0\.0$/ }).click();
  await Promise.all([deploy(page), deploy(other)]);
  const pages = [page, other];
  // One lands on the release page; the other stays and says which release is running.
  await expect.poll(async () => pages.filter((p) => /\/releases\//.test(p.url())).length, { timeout: 30_000 }).toBe(1);
  const loser = pages.find((p) => !/\/releases\//.test(p.url()))!;
  const winner = pages.find((p) => /\/releases\//.test(p.url()))!;
  await expect(loser.getByText(/Release #1 \(Deploy by .*\) is still running|opened at the same moment/)).toBeVisible();

  const release = new ReleasePage(winner);
  await release.expectSucceeded(2);
  const times = await winner
    .getByTestId("timeline-entry")
    .locator("time")
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("datetime") ?? ""));
  expect(times.length).toBeGreaterThan(2);
  expect([...times].sort()).toEqual(times);

  await mine.goto(appUrl, "dev");
  await expect(page.getByTestId("rendered-yaml")).toContainText("harbor.example.com/use/web:1.0.0");
  await expect(page.getByTestId("rendered-yaml")).not.toContainText(":latest");
  for (const p of pages) await p.context().close();
});

test("rollback is offered where it restores an image, says what; a restart is not; durations are never 0 s", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(150_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "rb");
  const { page, appUrl } = await appOfNewTeam(browser, adminPage, dev);
  const app = new AppPage(page);
  const release = new ReleasePage(page);
  await app.goto(appUrl, "dev");
  await app.deploy("1.0.0");
  await release.expectSucceeded(2);
  await app.goto(appUrl, "dev");
  await app.deploy("1.1.0");
  await release.expectSucceeded(2);
  await app.goto(appUrl, "dev");
  await page.getByRole("button", { name: "Restart pods" }).click();
  await page.getByRole("button", { name: "Restart pods" }).last().click();
  await release.expectSucceeded(2);

  await app.goto(appUrl, "dev");
  // #3 restarted what #2 deployed: nothing to restore there, nor on #2 which runs now.
  await expect(page.getByTestId("release-row-3").getByRole("button")).toHaveCount(0);
  await expect(page.getByTestId("release-row-2").getByRole("button")).toHaveCount(0);
  const first = page.getByTestId("release-row-1");
  await expect(first.getByRole("button", { name: "Roll back" })).toHaveAttribute(
    "title",
    "Restores #1: the image harbor.example.com/use/web:1.0.0 with the parameters and objects it had.",
  );
  await expect(page.getByTestId("release-row-3")).toContainText("Restart");
  const rows = (await page.locator("[data-testid^=release-row-]").allTextContents()).join(" | ");
  expect(rows).not.toMatch(/\b0 s\b/);
  expect(rows).toMatch(/took (under 1 s|\d+ s|\d+ min \d+ s)/);
  await page.context().close();
});

test("times follow the viewer's zone, named in the tooltip; the audit history reads as sentences and filters by app", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "tz");
  const { page, appUrl, team } = await appOfNewTeam(browser, adminPage, dev);
  const app = new AppPage(page);
  await app.goto(appUrl, "dev");
  await app.deploy("1.0.0");
  await new ReleasePage(page).expectSucceeded(2);
  const releaseUrl = page.url();
  // The audit filter's app picker: typed, chosen with the keyboard, sent, and named again when the
  // page opens with ?app=.
  await page.goto("/audit");
  const filter = page.getByTestId("audit-filter-app");
  const picker = filter.getByRole("combobox");
  await picker.pressSequentially(`${team}/we`);
  await expect(filter.getByRole("option").first()).toHaveText(`${team}/web`);
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(picker).toHaveValue(`${team}/web`);
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]app=${appUrl.split("/").pop()}`));
  await expect(picker).toHaveValue(`${team}/web`);
  await expect(page.getByTestId("audit-row").filter({ hasText: "deployed" }).first()).toContainText(`${team}/web`);
  await page.context().close();

  const readAt = async (timezoneId: string) => {
    const context = await browser.newContext({ timezoneId, locale: "en-US" });
    const viewer = await context.newPage();
    await viewer.goto("/login");
    await viewer.locator("#email").fill(dev.email);
    await viewer.locator("#password").fill(dev.password);
    await viewer.locator("button[type=submit]").click();
    await expect(viewer).toHaveURL(/\/apps$/);
    await viewer.goto(releaseUrl);
    const when = viewer.locator("dd time").first();
    const shown = { text: (await when.textContent()) ?? "", title: (await when.getAttribute("title")) ?? "" };
    const iso = (await when.getAttribute("datetime")) ?? "";
    await viewer.goto(`/audit?app=${appUrl.split("/").pop()}`);
    const audit = viewer.getByTestId("audit-row").filter({ hasText: "deployed" }).first();
    await expect(audit.getByTestId("audit-sentence")).toHaveText(
      `${dev.email} deployed harbor.example.com/use/web:1.0.0 to ${team}/web in dev (release #1)`,
    );
    const auditTime = (await audit.locator("time").textContent()) ?? "";
    await context.close();
    return { ...shown, iso, auditTime };
  };
  const shanghai = await readAt("Asia/Shanghai");
  const berlin = await readAt("Europe/Berlin");
  const at = new Date(shanghai.iso);
  const inZone = (zone: string) =>
    new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "medium" }).format(at);
  expect(shanghai.text).toBe(inZone("Asia/Shanghai"));
  expect(berlin.text).toBe(inZone("Europe/Berlin"));
  expect(shanghai.title).toContain("Asia/Shanghai (UTC+08:00)");
  expect(berlin.title).toMatch(/Europe\/Berlin \(UTC\+0[12]:00\)/);
  // One clock: the audit row of the deploy is within seconds of the release, in the same zone.
  expect(shanghai.auditTime.slice(0, 13)).toBe(shanghai.text.slice(0, 13));
});

test("the icon is served", async ({ request }) => {
  for (const path of ["/favicon.ico", "/icon.svg"]) expect((await request.get(path)).status(), path).toBe(200);
});
