// Issue 9 item 3 in the browser: the approver reads the diff the request captured (Secret values
// masked); a request whose parameters changed since is refused and says to request again; a
// developer cannot change a protected environment's parameters.
import { createUserAsAdmin, E2E_ADMIN, expect, signedInPage, teamWithApp, test } from "./fixtures";
import { AppPage } from "./pages/app-page";

test("ops approve what the request captured; parameters changed since make it stale", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  test.setTimeout(300_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "apprdev");
  const ops = await createUserAsAdmin(usersPage, "ops", "approps");
  const page = await signedInPage(browser, dev.email, dev.password);
  const { team, appUrl } = await teamWithApp(adminPage, dev.email, page);

  // The admin sets a prod secret; the developer may not change prod's parameters.
  const admin = await signedInPage(browser, E2E_ADMIN.email, E2E_ADMIN.password);
  await new AppPage(admin).goto(appUrl, "prod");
  const addSecret = async (key: string, value: string) => {
    const secrets = admin.getByTestId("param-secretValues");
    await secrets.getByRole("button", { name: "Add" }).click();
    await secrets.getByLabel("Key").last().fill(key);
    await secrets.getByLabel("Value").last().fill(value);
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByText("Saved.")).toBeVisible();
  };
  await addSecret("API_TOKEN", "approval-secret-value-1");

  const app = new AppPage(page);
  await app.goto(appUrl, "prod");
  await page.getByTestId("param-secretValues").getByRole("button", { name: "Add" }).click();
  await page.getByTestId("param-secretValues").getByLabel("Key").last().fill("SNEAKY");
  await page.getByTestId("param-secretValues").getByLabel("Value").last().fill("x");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("only ops or an admin change its parameters")).toBeVisible();

  await app.goto(appUrl, "prod");
  await app.previewDeploy("2.1.0");
  await page.getByRole("button", { name: "Request deploy (needs approval)" }).click();
  await expect(page.getByText("Request sent")).toBeVisible();

  const opsPage = await signedInPage(browser, ops.email, ops.password);
  await opsPage.goto("/releases");
  const request = opsPage.getByTestId("release-request").filter({ hasText: `${team}/shop:2.1.0` });
  const diff = request.getByTestId("request-diff");
  await expect(diff).toContainText("What would ship");
  await expect(diff).toContainText("Deployment/shop");
  await expect(diff).toContainText("harbor.example.com/shop/web:2.1.0");
  await expect(diff).toContainText("API_TOKEN");
  expect(await opsPage.content()).not.toContain("approval-secret-value-1");

  // The admin changes prod's parameters after the request: approving it is refused.
  await new AppPage(admin).goto(appUrl, "prod");
  await addSecret("SECOND", "approval-secret-value-2");
  await request.getByRole("button", { name: "Approve and deploy" }).click();
  await expect(request.getByText("Ask for the deploy again")).toBeVisible();
  await opsPage.reload();
  await expect(request.getByTestId("request-stale")).toContainText("Stale: request again");
  await expect(request.getByRole("button", { name: "Approve and deploy" })).toHaveCount(0);
  for (const p of [page, opsPage, admin]) await p.context().close();
});
