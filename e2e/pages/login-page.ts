import { expect, type Page } from "@playwright/test";

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  async submit(email: string, password: string) {
    await this.page.locator("#email").fill(email);
    await this.page.locator("#password").fill(password);
    await this.page.locator("button[type=submit]").click();
  }

  async login(email: string, password: string) {
    await this.goto();
    await this.submit(email, password);
    await expect(this.page).toHaveURL(/\/apps$/);
  }

  error() {
    return this.page.getByTestId("login-error");
  }
}
