import { createUserAsAdmin, expect, signedInPage, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";

test("a developer changes their own password: wrong current refused, then signed out and in with the new one", async ({
  usersPage,
  browser,
}) => {
  const dev = await createUserAsAdmin(usersPage, "developer", "pwchange");
  const page = await signedInPage(browser, dev.email, dev.password);
  await page.getByTestId("current-user").click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();

  const fill = async (current: string, next: string, confirm: string) => {
    await page.locator("#current-password").fill(current);
    await page.locator("#new-password").fill(next);
    await page.locator("#confirm-password").fill(confirm);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await fill(dev.password, "a brand new password", "a brand new passw0rd");
  await expect(page.getByText("The two new passwords differ.")).toBeVisible();
  await fill("not my password", "a brand new password", "a brand new password");
  await expect(page.getByText("The current password is not right.")).toBeVisible();

  await fill(dev.password, "a brand new password", "a brand new password");
  await expect(page).toHaveURL(/\/login\?notice=password-changed/);
  await expect(page.getByTestId("login-notice")).toHaveText(
    "Your password was changed and every session ended. Sign in with the new password.",
  );
  const login = new LoginPage(page);
  await login.submit(dev.email, dev.password);
  await expect(login.error()).toHaveText("Email or password is incorrect.");
  await login.submit(dev.email, "a brand new password");
  await expect(page).toHaveURL(/\/apps$/);
  await page.context().close();
});
