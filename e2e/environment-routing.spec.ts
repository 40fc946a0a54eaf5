import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures";

test("an environment's routing is detected when it is added, and the admin changes it to the Gateway API", async ({
  adminPage,
}) => {
  const sandboxDir = process.env.SLIPWAY_TEST_SANDBOX_DIR ?? join(process.cwd(), ".data", "test-sandbox");
  const name = `routed${Date.now().toString(36)}`;
  await adminPage.goto("/settings/environments");
  await adminPage.locator("#new-env-name").fill(name);
  await adminPage.getByTestId("new-env-kubeconfig-file").setInputFiles({
    name: "slipway.kubeconfig",
    mimeType: "text/plain",
    buffer: readFileSync(join(sandboxDir, "slipway.kubeconfig")),
  });
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage).toHaveURL(/\/settings\/environments\/[0-9a-f-]{36}$/);

  // The sandbox has neither a GatewayClass nor an ingress-nginx IngressClass.
  const routing = adminPage.getByTestId("routing-section");
  await expect(routing.getByLabel("Routing")).toHaveValue("none");
  await expect(routing).toContainText("How apps with a host are reached");

  await routing.getByLabel("Routing").selectOption("gateway_api");
  await routing.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.locator("#routing-gateway-name-error")).toHaveText(
    "The Gateway API needs the Gateway's name and namespace.",
  );
  await routing.getByLabel("Gateway", { exact: true }).fill("Public GW");
  await routing.getByLabel("Gateway namespace").fill("gateway-system");
  await routing.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.locator("#routing-gateway-name-error")).toContainText("Use lowercase letters");

  await routing.getByLabel("Gateway", { exact: true }).fill("public-gw");
  await routing.getByLabel("Listener (section)").fill("https");
  await routing.getByRole("button", { name: "Save" }).click();
  await expect(routing).toContainText("Routing saved.");

  await adminPage.reload();
  await expect(routing.getByLabel("Routing")).toHaveValue("gateway_api");
  await expect(routing.getByLabel("Gateway", { exact: true })).toHaveValue("public-gw");
  await expect(routing.getByLabel("Gateway namespace")).toHaveValue("gateway-system");
  await expect(routing.getByLabel("Listener (section)")).toHaveValue("https");

  await adminPage.goto("/audit?action=environment.routing");
  await expect(adminPage.getByTestId("audit-row").filter({ hasText: name }).first()).toContainText(
    "environment.routing",
  );
});
