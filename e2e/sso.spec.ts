import { expect, test } from "./fixtures";

test("a person signs in with company SSO and gets an account with the default role", async ({ page, adminPage }) => {
  const login = `mei${Date.now().toString(36)}`;
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Company SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByTestId("current-user")).toContainText(`${login}@corp.example`);
  await expect(page.getByTestId("current-role")).toHaveText("Viewer");

  // Sign-ins are listed when asked for, as sentences.
  await adminPage.goto(`/audit?actor=${login}&signins=1`);
  await expect(adminPage.getByTestId("audit-row").filter({ hasText: "signed in" })).toHaveCount(1);
  await adminPage.goto("/settings/users");
  await expect(adminPage.getByTestId(`user-row-${login}@corp.example`)).toContainText("Viewer");
});
