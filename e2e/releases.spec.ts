import { createUserAsAdmin, expect, signedInPage, teamWithApp, test } from "./fixtures";
import { AppPage, ReleasePage } from "./pages/app-page";

test("a developer deploys, watches the rollout to success, deploys again and rolls back; ops scale; a tester cannot deploy", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(100_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "reldev");
  const ops = await createUserAsAdmin(usersPage, "ops", "relops");
  const tester = await createUserAsAdmin(usersPage, "tester", "reltest");
  const page = await signedInPage(browser, dev.email, dev.password);
  const { appUrl } = await teamWithApp(adminPage, dev.email, page);
  const app = new AppPage(page);
  const release = new ReleasePage(page);

  await app.goto(appUrl, "dev");
  await app.previewDeploy("1.0.0");
  // First deploy: everything is new.
  await expect(page.getByTestId("deploy-preview")).toContainText("new");
  await expect(page.getByTestId("deploy-preview")).toContainText("Deployment/shop");
  await page.getByRole("button", { name: /^Deploy .*:1\.0\.0$/ }).click();
  await expect(page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  // The page follows the rollout without a reload.
  await release.expectSucceeded(2);
  await expect(page.getByTestId("release-timeline")).toContainText("ScalingReplicaSet");
  await expect(page.getByTestId("release-pod")).toHaveCount(2);

  // Pods, events and a container's log of what was just deployed.
  await app.goto(appUrl, "dev");
  await page.getByRole("link", { name: "Pods, events and logs →" }).click();
  await expect(page.getByTestId("pod-row")).toHaveCount(2);
  await expect(page.getByTestId("event-row").filter({ hasText: "ScalingReplicaSet" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Show log" }).click();
  await expect(page.getByTestId("log-output")).toHaveText(/\S/);

  await app.goto(appUrl, "dev");
  await app.previewDeploy("1.1.0");
  await expect(page.getByTestId("diff-Deployment-shop")).toContainText("harbor.example.com/shop/web:1.1.0");
  await page.getByRole("button", { name: /^Deploy .*:1\.1\.0$/ }).click();
  await release.expectSucceeded(2);

  await app.goto(appUrl, "dev");
  await expect(page.getByTestId("revision-2")).toContainText("web:1.1.0");
  await app.rollbackTo(1);
  await release.expectSucceeded(2);
  await expect(page.getByText("Rolled back to")).toBeVisible();
  await app.goto(appUrl, "dev");
  await expect(page.getByTestId("release-row-3")).toContainText("Rollback");
  await expect(page.getByTestId("release-row-3")).toContainText("web:1.0.0");
  // A developer does not scale.
  await expect(page.locator("#scale-replicas")).toHaveCount(0);

  const opsPage = await signedInPage(browser, ops.email, ops.password);
  const opsApp = new AppPage(opsPage);
  await opsApp.goto(appUrl, "dev");
  await opsPage.locator("#scale-replicas").fill("99");
  await opsPage.getByRole("button", { name: "Scale", exact: true }).click();
  await expect(opsPage.getByText("At most 50 replicas in this environment.")).toBeVisible();
  await opsApp.scale(3);
  await new ReleasePage(opsPage).expectSucceeded(3);

  const testerPage = await signedInPage(browser, tester.email, tester.password);
  await testerPage.goto(`${appUrl}?env=dev`);
  await expect(testerPage.getByTestId("current-release")).toContainText("#4");
  await expect(testerPage.locator("#deploy-tag")).toHaveCount(0);
  await expect(testerPage.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  for (const p of [page, opsPage, testerPage]) await p.context().close();
});

test("a developer's prod deploy waits for approval and runs when ops approve", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "proddev");
  const ops = await createUserAsAdmin(usersPage, "ops", "prodops");
  const page = await signedInPage(browser, dev.email, dev.password);
  const { team, appUrl } = await teamWithApp(adminPage, dev.email, page);

  const app = new AppPage(page);
  await app.goto(appUrl, "prod");
  await app.previewDeploy("2.0.0");
  await page.getByRole("button", { name: "Request deploy (needs approval)" }).click();
  await expect(page.getByText("Request sent")).toBeVisible();

  const opsPage = await signedInPage(browser, ops.email, ops.password);
  await opsPage.goto("/releases");
  const request = opsPage.getByTestId("release-request").filter({ hasText: `${team}/shop:2.0.0` });
  await expect(request).toContainText(dev.email);
  await request.getByLabel("Comment").fill("go ahead");
  await request.getByRole("button", { name: "Approve and deploy" }).click();
  await expect(opsPage).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  await new ReleasePage(opsPage).expectSucceeded(2);
  await expect(opsPage.getByText(`approved by ${ops.email}`)).toBeVisible();
  await expect(opsPage.getByText("go ahead")).toBeVisible();
  for (const p of [page, opsPage]) await p.context().close();
});
