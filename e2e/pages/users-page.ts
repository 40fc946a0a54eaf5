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

  async createdPassword(): Promise<string> {
    const code = this.page.getByTestId("initial-password");
    await expect(code).toBeVisible();
    return (await code.textContent()) ?? "";
  }

  row(email: string) {
    return this.page.getByTestId(`user-row-${email}`);
  }

  fieldError(id: string) {
    return this.page.locator(`#${id}-error`);
  }
}
