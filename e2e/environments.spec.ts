import { readFileSync } from "node:fs";
import { join } from "node:path";
import { closedPort } from "../test/kubeconfigs";
import { createUserAsAdmin, expect, signedInPage, test } from "./fixtures";

test("the admin adds an environment from a kubeconfig file; an unreachable cluster is refused unless saved unverified", async ({
  adminPage,
}) => {
  const server = `https://127.0.0.1:${await closedPort()}`;
  const kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    `clusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]`,
    "users: [{name: u, user: {token: e2e-token-value}}]",
    "contexts: [{name: ctx, context: {cluster: c, user: u}}]",
    "current-context: ctx",
  ].join("\n");
  const name = `qa${Date.now().toString(36)}`;

  await adminPage.goto("/settings/environments");
  await adminPage.locator("#new-env-name").fill(name);
  await adminPage
    .getByTestId("new-env-kubeconfig-file")
    .setInputFiles({ name: "kubeconfig.yaml", mimeType: "text/plain", buffer: Buffer.from(kubeconfig) });
  await expect(adminPage.locator("#new-env-kubeconfig")).toHaveValue(kubeconfig);
  await adminPage.locator("#new-env-ns").fill("{team}-{region}");
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.locator("#new-env-ns-error")).toHaveText(
    "Unknown placeholder: only {team} and {env} may be used.",
  );

  await adminPage.locator("#new-env-ns").fill("{team}-{env}");
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.locator("#new-env-kubeconfig-error")).toContainText(`${name}: cluster unreachable`);

  await adminPage.getByLabel("Save without verifying the connection").check();
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage).toHaveURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
  await expect(adminPage.getByText(`A kubeconfig is stored (${server}, context ctx)`)).toBeVisible();
  await expect(adminPage.locator("body")).not.toContainText("e2e-token-value");

  await adminPage.getByRole("button", { name: "Test connection" }).click();
  await expect(adminPage.getByTestId("connection-result")).toContainText("Not connected");
  await expect(adminPage.getByTestId("connection-result")).toContainText("cluster unreachable");
});

test("a developer cannot open environment settings", async ({ usersPage, browser }) => {
  const dev = await createUserAsAdmin(usersPage, "developer", "envdev");
  const page = await signedInPage(browser, dev.email, dev.password);
  const response = await page.goto("/settings/environments");
  expect(response?.status()).toBe(403);
  await page.context().close();
});

test("the first start created dev, test and prod on the sandbox cluster, all connected", async ({ adminPage }) => {
  await adminPage.goto("/settings/environments");
  for (const name of ["dev", "test", "prod"]) {
    await expect(adminPage.getByTestId(`environment-row-${name}`)).toContainText("Connected");
  }
  await expect(adminPage.getByTestId("environment-row-prod")).toContainText("prod");
});

test("the admin adds an environment from the sandbox's kubeconfig file and tests the connection", async ({
  adminPage,
}) => {
  const sandboxDir = process.env.SLIPWAY_TEST_SANDBOX_DIR ?? join(process.cwd(), ".data", "test-sandbox");
  const kubeconfig = readFileSync(join(sandboxDir, "slipway.kubeconfig"));
  const name = `staging${Date.now().toString(36)}`;
  await adminPage.goto("/settings/environments");
  await adminPage.locator("#new-env-name").fill(name);
  await adminPage
    .getByTestId("new-env-kubeconfig-file")
    .setInputFiles({ name: "slipway.kubeconfig", mimeType: "text/plain", buffer: kubeconfig });
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage).toHaveURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
  await adminPage.getByRole("button", { name: "Test connection" }).click();
  const result = adminPage.getByTestId("connection-result");
  await expect(result).toContainText("Connected");
  await expect(result).toContainText(/Kubernetes v1\.\d+/);
  await expect(result).toContainText("create deployments: allowed");
  await expect(adminPage.locator("body")).not.toContainText(kubeconfig.toString().split("token: ")[1]!.slice(0, 20));
});
