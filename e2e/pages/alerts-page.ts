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
    // The app picker searches as one types (it never holds every app); the keyboard picks.
    const apps = form.getByRole("combobox", { name: "Apps", exact: true });
    await apps.pressSequentially(options.app);
    await expect(form.getByTestId("sub-new-apps").getByRole("option").first()).toHaveText(options.app);
    await apps.press("Enter");
    await expect(form.getByTestId("app-picker-chip")).toHaveText([`${options.app}×`]);
    await expect(apps).toHaveValue("");
    await form.getByLabel("At least", { exact: true }).selectOption("high");
    await form.getByRole("button", { name: "+ WeCom group robot" }).click();
    await form.getByLabel("Robot key or webhook address").fill(options.robotKey);
    await form.getByRole("button", { name: "Save subscription" }).click();
    await expect(this.page.getByTestId(`subscription-${options.name}`)).toBeVisible();
  }
}
