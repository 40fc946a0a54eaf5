import { createUserAsAdmin, expect, signedInPage, teamWithApp, test } from "./fixtures";
import { AppPage, ReleasePage } from "./pages/app-page";
import { kubectl } from "./support/sandbox";

test("the app page shows what someone changed in the cluster and who; the next deploy's preview lists it and the deploy puts it back", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "driftdev");
  const page = await signedInPage(browser, dev.email, dev.password);
  const { team, appUrl } = await teamWithApp(adminPage, dev.email, page);
  const app = new AppPage(page);
  await app.goto(appUrl, "dev");
  await app.deploy("1.0.0");
  await new ReleasePage(page).expectSucceeded(2);
  await app.goto(appUrl, "dev");
  await expect(page.getByTestId("drift")).toHaveCount(0);

  const namespace = `${team}-dev`;
  kubectl("set", "image", "deployment/shop", "*=harbor.example.com/shop/web:hotfix", "-n", namespace);
  kubectl("scale", "deployment/shop", "--replicas=4", "-n", namespace);
  await app.goto(appUrl, "dev");
  const drift = page.getByTestId("drift");
  await expect(drift).toContainText("The cluster differs from release #1");
  await expect(drift.getByTestId("drift-item").filter({ hasText: "harbor.example.com/shop/web:hotfix" })).toContainText(
    "changed by kubectl-set",
  );
  await expect(drift.getByTestId("drift-item").filter({ hasText: "4 replicas, the release set 2" })).toContainText(
    /changed by kubectl/,
  );

  await app.previewDeploy("1.1.0");
  await expect(page.getByTestId("preview-drift")).toContainText(
    "This deploy overwrites changes made in the cluster since release #1",
  );
  await expect(page.getByTestId("preview-drift")).toContainText("harbor.example.com/shop/web:hotfix");
  await expect(page.getByTestId("deploy-conflicts")).toContainText("kubectl-set");
  await page.getByText("Take over these fields").click();
  await page.getByRole("button", { name: /^Deploy .*:1\.1\.0$/ }).click();
  await new ReleasePage(page).expectSucceeded(2);
  await app.goto(appUrl, "dev");
  await expect(page.getByTestId("current-release")).toContainText("#2");
  await expect(page.getByTestId("drift")).toHaveCount(0);
  await page.context().close();
});
