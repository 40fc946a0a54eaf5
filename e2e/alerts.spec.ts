import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { startAlertmanager, type Alertmanager } from "../test/support/alertmanager";
import { startWecomSink, type WecomSink } from "../test/support/wecom-sink";
import { createUserAsAdmin, expect, signedInPage, teamWithApp, test } from "./fixtures";
import { AlertingSettingsPage, SubscriptionsPage } from "./pages/alerts-page";
import { AppPage, ReleasePage } from "./pages/app-page";

const port = Number(process.env.E2E_PORT ?? 3100);
const token = `e2e-alertmanager-${randomBytes(12).toString("hex")}`;
let sink: WecomSink;
let alertmanager: Alertmanager;

test.beforeAll(async () => {
  sink = await startWecomSink();
  alertmanager = await startAlertmanager({
    webhookUrl: `http://localhost:${port}/api/webhooks/alertmanager`,
    token,
  });
});

test.afterAll(async () => {
  await alertmanager?.stop();
  await sink?.close();
});

// A team with the developer in it, and the developer's app "shop" deployed twice to dev.
async function deployedTwice(adminPage: Page, developerEmail: string, page: Page) {
  const { team, appUrl } = await teamWithApp(adminPage, developerEmail, page);
  const app = new AppPage(page);
  for (const tag of ["1.0.0", "1.1.0"]) {
    await app.goto(appUrl, "dev");
    await app.deploy(tag);
    await new ReleasePage(page).expectSucceeded(2);
  }
  return { team, appUrl };
}

test("a developer subscribes with a WeCom robot; an alert after a deploy reaches the robot and the bell, names the release, and rolls it back", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(180_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "alertdev");
  await new AlertingSettingsPage(adminPage).configure({ token, wecomApiBase: sink.url });
  const page = await signedInPage(browser, dev.email, dev.password);
  const { team } = await deployedTwice(adminPage, dev.email, page);

  const robotKey = `e2e-${randomBytes(8).toString("hex")}`;
  await new SubscriptionsPage(page).subscribeWithRobot({ name: "shop on call", app: `${team}/shop`, robotKey });
  // The new subscription form starts with the console inbox as a channel, kept alongside the robot.
  await expect(page.getByTestId("subscription-shop on call")).toContainText("Console inbox");
  await expect(page.getByTestId("inbox-count")).toHaveCount(0);

  await alertmanager.post([
    {
      labels: { alertname: "CheckoutErrors", severity: "critical", namespace: `${team}-dev`, app: "shop" },
      annotations: { summary: "5xx above 5 % on checkout" },
      generatorURL: "http://prometheus.example/graph?g0.expr=errors",
    },
  ]);
  // The bell counts it without a reload.
  await expect(page.getByTestId("inbox-count")).toHaveText("1", { timeout: 30_000 });
  await expect.poll(() => sink.delivered(robotKey).length, { timeout: 30_000 }).toBe(1);
  expect(sink.delivered(robotKey)[0]!.body.markdown!.content).toContain("Roll back to #1");

  await page.getByTestId("inbox-bell").click();
  await expect(page.getByTestId("inbox-item").first()).toContainText("1 firing, 0 resolved · shop on call");
  await page.getByRole("link", { name: "CheckoutErrors" }).first().click();
  await expect(page.getByTestId("fired-after")).toContainText(/fired \d+ min after #2 1\.1\.0 by E2E developer/);
  await expect(page.getByTestId("alert-labels")).toContainText(`${team}-dev`);
  await expect(page.getByTestId("alert-deliveries")).toContainText("shop on call");
  await expect(page.getByTestId("alert-deliveries")).toContainText("sent");

  await page.getByRole("button", { name: "Roll back to #1" }).click();
  await new ReleasePage(page).expectSucceeded(2);
  await expect(page.getByText("Rolled back to")).toBeVisible();
  await expect(page.getByTestId("release-manifest")).toContainText("harbor.example.com/shop/web:1.0.0");
  await page.context().close();
});
