import { expect, type Page } from "@playwright/test";

export class UsersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/users");
  }

  // Fills the create form; returns the initial password shown once.
  async create(user: { email: string; name: string; role: string; password?: string }) {
    await this.page.locator("#new-email").fill(user.email);
    await this.page.locator("#new-name").fill(user.name);
    await this.page.locator("#new-role").selectOption(user.role);
    if (user.password) await this.page.locator("#new-password").fill(user.password);
    await this.page.getByRole("button", { name: "Create user" }).click();
  }

  // The once-shown password, checked in one retrying assertion (a separate read after it could
  // wait on a notice the page has re-rendered).
  async expectCreated(password: string) {
    await expect(this.page.getByTestId("initial-password")).toHaveText(password);
  }

  row(email: string) {
    return this.page.getByTestId(`user-row-${email}`);
  }

  fieldError(id: string) {
    return this.page.locator(`#${id}-error`);
  }
}
