import { expect, type Page } from "@playwright/test";

// An app's page in one environment: deploy, scale, restart, history and rollback.
export class AppPage {
  constructor(private readonly page: Page) {}

  async goto(appUrl: string, env: string) {
    await this.page.goto(`${appUrl}?env=${env}`);
  }

  async previewDeploy(tag: string) {
    await this.page.locator("#deploy-tag").fill(tag);
    await this.page.getByRole("button", { name: "Preview changes" }).click();
    await expect(this.page.getByTestId("deploy-preview")).toBeVisible();
  }

  // Deploys and lands on the release page.
  async deploy(tag: string) {
    await this.previewDeploy(tag);
    await this.page.getByRole("button", { name: /^Deploy .*:/ }).click();
    await expect(this.page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  }

  async rollbackTo(number: number) {
    const row = this.page.getByTestId(`release-row-${number}`);
    await row.getByRole("button", { name: "Roll back" }).click();
    await row.getByRole("button", { name: `Roll back to #${number}` }).click();
    await expect(this.page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  }

  async scale(replicas: number) {
    await this.page.locator("#scale-replicas").fill(String(replicas));
    await this.page.getByRole("button", { name: "Scale", exact: true }).click();
    await expect(this.page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  }
}

// A release page, following the rollout live.
export class ReleasePage {
  constructor(private readonly page: Page) {}

  status() {
    return this.page.getByTestId("release-status").first();
  }

  async expectSucceeded(available: number) {
    await expect(this.page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
    await expect(this.status()).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
    await expect(this.page.getByTestId("count-available")).toHaveText(String(available));
  }
}
