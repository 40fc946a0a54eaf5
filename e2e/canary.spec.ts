import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createUserAsAdmin, expect, signedInPage, teamWithApp, test } from "./fixtures";
import { AppPage, ReleasePage } from "./pages/app-page";
import { kubectl } from "./support/sandbox";

// The live route's rules as "header -> backend" lines.
function liveRules(namespace: string, name: string): string[] {
  type Rule = { matches?: { headers?: { name: string; value: string }[] }[]; backendRefs?: { name: string }[] };
  const route = JSON.parse(kubectl("get", "httproute", name, "-n", namespace, "-o", "json")) as {
    spec: { rules: Rule[] };
  };
  return route.spec.rules.map((rule) => {
    const headers = (rule.matches ?? []).flatMap((m) => (m.headers ?? []).map((h) => `${h.name}=${h.value}`));
    return `${headers.join(",") || "*"} -> ${(rule.backendRefs ?? []).map((b) => b.name).join(" ")}`;
  });
}

test("a developer starts a canary, a tester copies the header and switches it off and on, the developer promotes", async ({
  usersPage,
  adminPage,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const dev = await createUserAsAdmin(usersPage, "developer", "cydev");
  const tester = await createUserAsAdmin(usersPage, "tester", "cytest");
  const page = await signedInPage(browser, dev.email, dev.password);
  const { team, appUrl } = await teamWithApp(adminPage, dev.email, page);

  // An environment on the sandbox, routed through a Gateway API Gateway.
  const env = `cy${Date.now().toString(36)}`;
  const sandboxDir = process.env.SLIPWAY_TEST_SANDBOX_DIR ?? join(process.cwd(), ".data", "test-sandbox");
  await adminPage.goto("/settings/environments");
  await adminPage.locator("#new-env-name").fill(env);
  await adminPage.getByTestId("new-env-kubeconfig-file").setInputFiles({
    name: "slipway.kubeconfig",
    mimeType: "text/plain",
    buffer: readFileSync(join(sandboxDir, "slipway.kubeconfig")),
  });
  await adminPage.getByRole("button", { name: "Save" }).click();
  await expect(adminPage).toHaveURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
  const routing = adminPage.getByTestId("routing-section");
  await routing.getByLabel("Routing").selectOption("gateway_api");
  await routing.getByLabel("Gateway", { exact: true }).fill("edge");
  await routing.getByLabel("Gateway namespace").fill("gw");
  await routing.getByRole("button", { name: "Save" }).click();
  await expect(routing).toContainText("Routing saved.");

  // The app gets a host there and its first deploy.
  const app = new AppPage(page);
  await app.goto(appUrl, env);
  const ingress = page.getByTestId("param-ingress");
  await ingress.getByRole("textbox").first().fill("shop.canary.test");
  await ingress.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
  await expect(ingress.getByRole("textbox").first()).toHaveValue("shop.canary.test");
  await page.reload();
  await expect(page.getByTestId("param-ingress").getByRole("textbox").first()).toHaveValue("shop.canary.test");
  await app.deploy("1.0.0");
  await new ReleasePage(page).expectSucceeded(2);

  // The developer starts a canary; a weight above 50 is refused on its field first.
  await app.goto(appUrl, env);
  const start = page.getByTestId("start-canary");
  await start.locator("#canary-tag").fill("2.0.0");
  await start.locator("#canary-weight").fill("60");
  await start.getByRole("button", { name: "Start canary" }).click();
  await expect(page.locator("#canary-weight-error")).toHaveText("The weight is a whole percentage from 0 to 50.");
  await start.locator("#canary-weight").fill("");
  await start.getByRole("button", { name: "Start canary" }).click();
  const devCard = page.getByTestId(`canary-shop-${env}`);
  await expect(devCard.getByTestId("canary-header")).toHaveText("X-Canary: always");
  await expect(devCard.getByTestId("canary-workload")).toContainText("harbor.example.com/shop/web:2.0.0");
  await expect(devCard.getByTestId("stable-workload")).toContainText("harbor.example.com/shop/web:1.0.0");
  const namespace = `${team}-${env}`;
  expect(liveRules(namespace, "shop")).toEqual(["X-Canary=always -> shop-canary", "* -> shop"]);

  // The tester finds it on the Canaries page, copies the header and the curl line.
  const testerPage = await signedInPage(browser, tester.email, tester.password);
  await testerPage.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await testerPage.goto("/apps");
  await testerPage.getByRole("link", { name: "Canaries", exact: true }).click();
  const card = testerPage.getByTestId(`canary-shop-${env}`);
  await expect(card).toBeVisible();
  await card.getByTestId("copy-header").click();
  await expect(card.getByTestId("copy-header")).toHaveText("Copied");
  expect(await testerPage.evaluate(() => navigator.clipboard.readText())).toBe("X-Canary: always");
  await card.getByTestId("copy-curl").click();
  expect(await testerPage.evaluate(() => navigator.clipboard.readText())).toBe(
    "curl -H 'X-Canary: always' http://shop.canary.test/",
  );
  // Testers switch; they do not promote or abort.
  await expect(card.getByTestId("canary-promote")).toHaveCount(0);
  await expect(card.getByTestId("canary-abort")).toHaveCount(0);
  const toggle = card.getByRole("switch");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  expect(liveRules(namespace, "shop")).toEqual(["* -> shop"]);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  expect(liveRules(namespace, "shop")).toEqual(["X-Canary=always -> shop-canary", "* -> shop"]);

  // The developer promotes: a deploy of 2.0.0; once it has rolled out the canary is gone.
  await app.goto(appUrl, env);
  await devCard.getByTestId("canary-promote").click();
  await devCard.getByTestId("canary-confirm").click();
  await expect(async () => {
    await app.goto(appUrl, env);
    await expect(page.getByTestId("start-canary")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId("current-release")).toContainText("web:2.0.0");
  await expect(page.getByText("Canary promote").first()).toBeVisible();
  expect(liveRules(namespace, "shop")).toEqual(["* -> shop"]);
  await testerPage.context().close();
  await page.context().close();
});
