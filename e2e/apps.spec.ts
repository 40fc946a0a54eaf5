import { createUserAsAdmin, expect, signedInPage, test } from "./fixtures";

test("a developer creates an app from web-service and sees its rendered objects for dev and prod", async ({
  usersPage,
  adminPage,
  browser,
}) => {
  const dev = await createUserAsAdmin(usersPage, "developer", "appdev");
  const team = `shop${Date.now().toString(36)}`;
  await adminPage.goto("/settings/teams");
  await adminPage.locator("#team-name").fill(team);
  await adminPage.getByRole("button", { name: "Create team" }).click();
  const card = adminPage.getByTestId(`team-${team}`);
  await card.getByRole("combobox").selectOption({ label: `E2E developer (${dev.email})` });
  await card.getByRole("button", { name: "Add member" }).click();
  await expect(card.getByRole("listitem").filter({ hasText: dev.email })).toBeVisible();

  const page = await signedInPage(browser, dev.email, dev.password);
  await page.goto("/apps/new");
  await page.locator("#app-name").fill("hello-app");
  await page.locator("#app-template").selectOption({ label: "web-service v1" });
  await page.locator("#app-image").fill("harbor.example.com/shop/hello-app:1.0");
  await page.getByRole("button", { name: "New app" }).click();
  await expect(page.locator("#app-image-error")).toContainText("without tag");
  await page.locator("#app-image").fill("harbor.example.com/shop/hello-app");
  await page.getByRole("button", { name: "New app" }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);

  await expect(page.getByTestId("rendered-yaml")).toContainText(`namespace: ${team}-dev`);
  await expect(page.getByTestId("rendered-yaml")).toContainText("kind: Deployment");
  await page.getByRole("link", { name: "Production" }).click();
  await expect(page.getByTestId("rendered-yaml")).toContainText(`namespace: ${team}-prod`);
  await page.context().close();
});
