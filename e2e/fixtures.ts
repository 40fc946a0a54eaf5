import { randomBytes } from "node:crypto";
import { test as base, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

export { expect } from "@playwright/test";
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
