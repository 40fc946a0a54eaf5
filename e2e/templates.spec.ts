import { createUserAsAdmin, expect, signedInPage, test } from "./fixtures";

test("ops writes a template with a live preview and saves it as version 1", async ({ usersPage, browser }) => {
  const ops = await createUserAsAdmin(usersPage, "ops");
  const page = await signedInPage(browser, ops.email, ops.password);
  await page.goto("/templates");
  await expect(page.getByTestId("template-row-web-service")).toContainText("built-in");
  await page.getByRole("link", { name: "New template" }).click();

  const name = `batch-${Date.now().toString(36)}`;
  await page.locator("#template-name").fill(name);
  await expect(page.getByTestId("preview-yaml")).toContainText("kind: Deployment");

  const body = page.locator("#template-body");
  const original = await body.inputValue();
  await body.fill(`${original}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \${{ params.nope }}\n`);
  await expect(page.getByTestId("preview-errors")).toContainText("params.nope");

  await body.fill(
    `${original}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \${{ app.name }}-extra\ndata:\n  note: "a\\nkind: Secret"\n`,
  );
  await expect(page.getByTestId("preview-yaml")).toContainText("name: sample-extra");
  await page.locator("#template-changelog").fill("first version");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page).toHaveURL(/\/templates\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("template-versions")).toContainText("v1");
  await expect(page.getByTestId("version-diff")).toContainText("kind: ConfigMap");
  await page.context().close();
});

test("a tester reads templates but cannot edit them", async ({ usersPage, browser }) => {
  const tester = await createUserAsAdmin(usersPage, "tester");
  const page = await signedInPage(browser, tester.email, tester.password);
  await page.goto("/templates");
  await expect(page.getByRole("link", { name: "New template" })).toHaveCount(0);
  await page.getByRole("link", { name: "web-service" }).click();
  await expect(page.getByTestId("version-diff")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save as new version" })).toHaveCount(0);
  expect((await page.goto("/templates/new"))?.status()).toBe(403);
  await page.context().close();
});
