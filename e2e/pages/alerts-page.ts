import { expect, type Page } from "@playwright/test";

// Settings → Integrations → Alerting, as the admin fills it in.
export class AlertingSettingsPage {
  constructor(private readonly page: Page) {}

  async configure(options: { token: string; wecomApiBase: string }) {
    await this.page.goto("/settings/integrations/alerting");
    await this.page.locator("#am-token").fill(options.token);
    await this.page.locator("#am-releaseLinkMinutes").fill("30");
    await this.page.getByRole("button", { name: "Save" }).first().click();
    await expect(this.page.getByText("Saved.").first()).toBeVisible();
    await this.page.locator("#wecom-wecomApiBase").fill(options.wecomApiBase);
    await this.page.locator("#wecom-wecomCorpId").fill("");
    await this.page.locator("#wecom-wecomAgentId").fill("");
    await this.page.getByRole("button", { name: "Save" }).nth(2).click();
    await expect(this.page.getByText("Saved.").nth(1)).toBeVisible();
  }
}

// Alerts → Subscriptions: a new subscription with a WeCom robot (and the console inbox).
export class SubscriptionsPage {
  constructor(private readonly page: Page) {}

  async subscribeWithRobot(options: { name: string; app: string; robotKey: string }) {
    await this.page.goto("/alerts/subscriptions");
    const form = this.page.getByTestId("subscription-form-new");
    await form.getByLabel("Name", { exact: true }).fill(options.name);
    await form.getByLabel("Apps", { exact: true }).selectOption({ label: options.app });
    await form.getByLabel("At least", { exact: true }).selectOption("high");
    await form.getByRole("button", { name: "+ WeCom group robot" }).click();
    await form.getByLabel("Robot key or webhook address").fill(options.robotKey);
    await form.getByRole("button", { name: "Save subscription" }).click();
    await expect(this.page.getByTestId(`subscription-${options.name}`)).toBeVisible();
  }
}
