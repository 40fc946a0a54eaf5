import { createUserAsAdmin, expect, signedInPage, test, uniqueEmail } from "./fixtures";

test.describe("users and roles", () => {
  test("the admin creates a developer, who signs in and is refused the admin pages", async ({
    usersPage,
    adminPage,
    browser,
  }) => {
    const dev = await createUserAsAdmin(usersPage, "developer", "dev");
    await expect(usersPage.row(dev.email)).toContainText("Developer");

    const page = await signedInPage(browser, dev.email, dev.password);
    await expect(page.getByTestId("current-role")).toHaveText("Developer");
    await page.getByRole("link", { name: "Settings" }).first().click();
    await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
    for (const path of ["/settings/users", "/settings/teams"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
    await page.context().close();

    await adminPage.goto("/audit?action=user.create");
    await expect(adminPage.getByTestId("audit-row").filter({ hasText: dev.email })).toHaveCount(1);
  });

  test("bad input is refused on its field and nothing is saved", async ({ usersPage, adminPage }) => {
    await usersPage.create({ email: "not-an-email", name: "Someone", role: "viewer" });
    await expect(usersPage.fieldError("new-email")).toHaveText("Enter a valid email address.");

    const email = uniqueEmail("noname");
    await usersPage.create({ email, name: "   ", role: "viewer" });
    await expect(usersPage.fieldError("new-name")).toHaveText("Enter a name.");
    await usersPage.create({ email, name: "Short", role: "viewer", password: "short" });
    await expect(usersPage.fieldError("new-password")).toHaveText("A password needs at least 10 characters.");
    await adminPage.reload();
    await expect(usersPage.row(email)).toHaveCount(0);

    const existing = await createUserAsAdmin(usersPage, "tester");
    await adminPage.reload();
    await usersPage.create({ email: existing.email, name: "Twin", role: "viewer" });
    await expect(usersPage.fieldError("new-email")).toHaveText("A user with this email already exists.");
  });

  test("a disabled user is refused at the next request, even with a live session, and told no more than a wrong password", async ({
    usersPage,
    adminPage,
    browser,
  }) => {
    const victim = await createUserAsAdmin(usersPage, "ops");
    const page = await signedInPage(browser, victim.email, victim.password);
    await expect(page.getByTestId("current-role")).toHaveText("Ops");

    await usersPage.row(victim.email).getByRole("link").click();
    await adminPage.getByRole("button", { name: "Disable account" }).click();
    await expect(adminPage.getByRole("button", { name: "Enable account" })).toBeVisible();

    await page.goto("/releases");
    await expect(page).toHaveURL(/\/login/);
    await page.locator("#email").fill(victim.email);
    await page.locator("#password").fill(victim.password);
    await page.locator("button[type=submit]").click();
    // "Disabled" only after the right password would confirm the password to whoever typed it.
    await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect.");
    await page.context().close();
  });
});
