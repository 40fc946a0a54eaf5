import { randomBytes } from "node:crypto";
import { expect, test as base, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

export { expect };
export { E2E_ADMIN };

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}@example.test`;
}

// A signed-in page in a browser context of its own (its own cookies).
export async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).login(email, password);
  return page;
}

type Fixtures = { adminPage: Page; loginPage: LoginPage; usersPage: UsersPage };

export const test = base.extend<Fixtures>({
  loginPage: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
  adminPage: async ({ browser }, use) => {
    const page = await signedInPage(browser, E2E_ADMIN.email, E2E_ADMIN.password);
    await use(page);
    await page.context().close();
  },
  usersPage: async ({ adminPage }, use) => {
    const users = new UsersPage(adminPage);
    await users.goto();
    await use(users);
  },
});

// Creates a user through the admin page and returns its credentials.
export async function createUserAsAdmin(usersPage: UsersPage, role: string, prefix = role) {
  const email = uniqueEmail(prefix);
  const password = `pw-${randomBytes(6).toString("hex")}`;
  await usersPage.create({ email, name: `E2E ${role}`, role, password });
  await usersPage.expectCreated(password);
  return { email, password };
}

// A team with a developer, and an app of the team on web-service, made through the pages.
export async function teamWithApp(adminPage: Page, developerEmail: string, developerPage: Page) {
  const team = `rel${randomBytes(3).toString("hex")}`;
  await adminPage.goto("/settings/teams");
  await adminPage.locator("#team-name").fill(team);
  await adminPage.getByRole("button", { name: "Create team" }).click();
  const card = adminPage.getByTestId(`team-${team}`);
  await card.getByRole("combobox").selectOption({ label: `E2E developer (${developerEmail})` });
  await card.getByRole("button", { name: "Add member" }).click();
  await expect(card.getByRole("listitem").filter({ hasText: developerEmail })).toBeVisible();
  await developerPage.goto("/apps/new");
  await developerPage.locator("#app-name").fill("shop");
  await developerPage.locator("#app-template").selectOption({ label: "web-service v1" });
  await developerPage.locator("#app-image").fill("harbor.example.com/shop/web");
  await developerPage.getByRole("button", { name: "New app" }).click();
  await expect(developerPage).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  return { team, appUrl: new URL(developerPage.url()).pathname };
}
