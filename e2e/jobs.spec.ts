import { createUserAsAdmin, expect, signedInPage, test } from "./fixtures";

test("admins find Background jobs in the menu, in English and Chinese; others neither see nor open it", async ({
  adminPage,
  usersPage,
  browser,
}) => {
  const ops = await createUserAsAdmin(usersPage, "ops", "jobsops");
  await adminPage.goto("/apps");
  await adminPage.getByRole("link", { name: "Background jobs" }).first().click();
  await expect(adminPage).toHaveURL(/\/jobs$/);
  await expect(adminPage.getByRole("heading", { name: "Background jobs" })).toBeVisible();
  await expect(adminPage.getByRole("heading", { name: "Kinds of work" })).toBeVisible();
  await adminPage.getByTestId("language-switcher").first().selectOption("zh-CN");
  await expect(adminPage.getByRole("heading", { name: "后台任务" })).toBeVisible();
  await expect(adminPage.getByRole("heading", { name: "任务类型" })).toBeVisible();
  await adminPage.getByTestId("language-switcher").first().selectOption("en");
  await expect(adminPage.getByRole("heading", { name: "Background jobs" })).toBeVisible();

  const page = await signedInPage(browser, ops.email, ops.password);
  await expect(page.getByRole("link", { name: "Releases" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Background jobs" })).toHaveCount(0);
  const response = await page.goto("/jobs");
  expect(response?.status()).toBe(403);
  await page.context().close();
});
