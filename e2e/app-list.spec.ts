import { createUserAsAdmin, expect, signedInPage, teamWithApp, test } from "./fixtures";
import { AppPage } from "./pages/app-page";

test("the app list finds an app by team and name, and its status badge follows a deploy without a reload", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "listdev");
  const page = await signedInPage(browser, dev.email, dev.password);
  const { team, appUrl } = await teamWithApp(adminPage, dev.email, page);

  await adminPage.goto("/apps");
  await adminPage.getByTestId("app-list-team").selectOption(team);
  await adminPage.getByTestId("app-list-search").fill("sho");
  await adminPage.getByRole("button", { name: "Filter" }).click();
  await expect(adminPage).toHaveURL(new RegExp(`[?&]team=${team}`));
  await expect(adminPage.getByTestId(/^app-row-/)).toHaveCount(1);
  const badge = adminPage.getByTestId("app-status-shop-dev");
  await expect(badge).toHaveAttribute("data-status", "not_deployed");
  await expect(adminPage.getByTestId("app-list-live")).toHaveAttribute("data-live", "live");
  // Marks this document: a reload or a navigation would lose the mark.
  await adminPage.evaluate(() => ((window as unknown as { listMark: number }).listMark = 1));

  await new AppPage(page).goto(appUrl, "dev");
  await new AppPage(page).deploy("1.0.0");

  await expect(badge).toHaveAttribute("data-status", "healthy", { timeout: 60_000 });
  const row = adminPage.getByTestId("app-row-shop");
  await expect(row).toContainText("web:1.0.0");
  await expect(row).toContainText("2/2 pods");
  expect(await adminPage.evaluate(() => (window as unknown as { listMark?: number }).listMark)).toBe(1);

  // Filtered by a status the app no longer has, it is gone; by the one it has, it is there.
  await adminPage.goto(`/apps?team=${team}&env=dev&status=not_deployed`);
  await expect(adminPage.getByText("No app matches these filters.")).toBeVisible();
  await adminPage.goto(`/apps?team=${team}&env=dev&status=healthy`);
  await expect(adminPage.getByTestId("app-status-shop-dev")).toHaveAttribute("data-status", "healthy");
  // A filter that cannot be a name is named, and the others still apply.
  await adminPage.goto(`/apps?team=${team}&status=sleeping`);
  await expect(adminPage.getByTestId("app-list-invalid-filter")).toContainText("status");
  await expect(adminPage.getByTestId("app-row-shop")).toBeVisible();
  await page.context().close();
});
