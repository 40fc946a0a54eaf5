import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN, signedInPage } from "../fixtures";
import { AppPage, ReleasePage } from "../pages/app-page";
import { UsersPage } from "../pages/users-page";
import { kubectl } from "../support/sandbox";
import { createApp, createTeam } from "../support/team-app";
import type { WalkRole } from "./pages";

// Everything the walk reads, made through the pages as people make it: a user per role (names
// in both scripts: names are data), a team, an app with parameters, succeeded, rolled back,
// scaled, restarted and failed releases, requests waiting for approval, approved and rejected,
// and a canary running in an environment routed through a Gateway.
export type WalkWorld = {
  users: Record<WalkRole, { email: string; password: string }>;
  team: string;
  appId: string;
  appPath: string;
  devId: string;
  templateId: string;
  developerId: string;
  firstRelease: number;
  succeededReleaseId: string;
  rollbackReleaseId: string;
  failedReleaseId: string;
  approvedReleaseId: string;
  canaryEnv: string;
  canaryReleaseId: string;
};

const NAMES: Record<Exclude<WalkRole, "admin">, string> = {
  ops: "Wang 运维",
  developer: "Li 开发",
  tester: "Zhao 测试",
  viewer: "Chen 只读",
};

const releaseId = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

export async function seedWorld(browser: Browser): Promise<WalkWorld> {
  const admin = await signedInPage(browser, E2E_ADMIN.email, E2E_ADMIN.password);
  const usersPage = new UsersPage(admin);
  await usersPage.goto();
  const users = { admin: E2E_ADMIN } as WalkWorld["users"];
  for (const role of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    const email = `walk-${role}-${randomBytes(3).toString("hex")}@example.test`;
    const password = `walk-${randomBytes(6).toString("hex")}`;
    await usersPage.create({ email, name: NAMES[role], role, password });
    await usersPage.expectCreated(password);
    users[role] = { email, password };
  }
  const developerId = (await usersPage.row(users.developer.email).getByRole("link").getAttribute("href"))!
    .split("/")
    .pop()!;

  const team = `walk${randomBytes(3).toString("hex")}`;
  await createTeam(
    admin,
    { name: team, displayName: "走查 Walk" },
    (["developer", "ops"] as const).map((role) => ({ name: NAMES[role], email: users[role].email })),
  );
  const dev = await signedInPage(browser, users.developer.email, users.developer.password);
  const appPath = await createApp(dev, { name: "shop", team, repository: "harbor.example.com/shop/web" });
  const appId = appPath.split("/").pop()!;

  // Parameters, secrets and config files included (their Add buttons add a row).
  const app = new AppPage(dev);
  await app.goto(appPath, "dev");
  await dev.getByTestId("param-secretValues").getByRole("button", { name: "Add" }).click();
  await dev.getByTestId("param-secretValues").getByLabel("Key").fill("DB_PASSWORD");
  await dev.getByTestId("param-secretValues").getByLabel("Value").fill("s3cret-walk");
  await dev.getByRole("button", { name: "Save" }).click();
  await expect(dev.getByText("Saved.")).toBeVisible();

  const release = new ReleasePage(dev);
  await app.deploy("1.0.0");
  await release.expectSucceeded(2);
  const succeededReleaseId = releaseId(dev);
  await app.goto(appPath, "dev");
  await app.deploy("1.1.0");
  await release.expectSucceeded(2);
  await app.goto(appPath, "dev");
  await app.rollbackTo(1);
  await release.expectSucceeded(2);
  const rollbackReleaseId = releaseId(dev);
  await app.goto(appPath, "dev");
  await dev.getByRole("button", { name: "Restart pods" }).click();
  await dev.getByRole("button", { name: "Restart pods" }).last().click();
  await release.expectSucceeded(2);

  const ops = await signedInPage(browser, users.ops.email, users.ops.password);
  const opsApp = new AppPage(ops);
  await opsApp.goto(appPath, "dev");
  await opsApp.scale(3);
  await new ReleasePage(ops).expectSucceeded(3);
  await ops.context().close();

  // Someone changes the image with kubectl; a deploy sent without taking over fails on it.
  kubectl(
    "-n",
    `${team}-dev`,
    "patch",
    "deployment/shop",
    "--field-manager=walk-editor",
    "-p",
    JSON.stringify({
      spec: { template: { spec: { containers: [{ name: "app", image: "harbor.example.com/shop/web:hotfix" }] } } },
    }),
  );
  await app.goto(appPath, "dev");
  await app.previewDeploy("1.2.0");
  await expect(dev.getByTestId("deploy-conflicts")).toBeVisible();
  const devId = await environmentId(admin, "dev");
  const failed = await dev.evaluate(
    async ({ appId, environmentId }) => {
      const response = await fetch("/api/releases", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ appId, environmentId, tag: "1.2.0" }),
      });
      return (await response.json()) as { releaseId?: string };
    },
    { appId, environmentId: devId },
  );
  const failedReleaseId = failed.releaseId ?? "";
  await dev.goto(`/releases/${failedReleaseId}`);
  await expect(new ReleasePage(dev).status()).toHaveAttribute("data-status", "failed", { timeout: 60_000 });

  // A request to deploy to prod, with its reason.
  await app.goto(appPath, "prod");
  await dev.locator("#deploy-description").fill("修复登录 login fix");
  await app.previewDeploy("1.1.0");
  await dev.getByRole("button", { name: "Request deploy (needs approval)" }).click();
  await expect(dev.getByText("Request sent")).toBeVisible();
  const approvedReleaseId = await decidedRequests(browser, dev, users.ops, appPath);
  const canary = await runningCanary(admin, dev, appPath);

  await admin.goto("/templates");
  const templateId = (await admin
    .getByTestId("template-row-web-service")
    .getByRole("link")
    .first()
    .getAttribute("href"))!
    .split("/")
    .pop()!;
  await admin.context().close();
  await dev.context().close();
  return {
    users,
    team,
    appId,
    appPath,
    devId,
    templateId,
    developerId,
    firstRelease: 1,
    succeededReleaseId,
    rollbackReleaseId,
    failedReleaseId,
    approvedReleaseId,
    ...canary,
  };
}

// Two more requests to prod: ops approve one (its release names the approver) and reject the
// other with a comment (the audit says so). The first request stays pending.
async function decidedRequests(
  browser: Browser,
  dev: Page,
  ops: { email: string; password: string },
  appPath: string,
): Promise<string> {
  const app = new AppPage(dev);
  for (const [tag, why] of [
    ["1.0.0", "回到 1.0.0 back to stable"],
    ["1.2.0", "新功能 new feature"],
  ]) {
    await app.goto(appPath, "prod");
    await dev.locator("#deploy-description").fill(why!);
    await app.previewDeploy(tag!);
    await dev.getByRole("button", { name: "Request deploy (needs approval)" }).click();
    await expect(dev.getByText("Request sent")).toBeVisible();
  }
  const page = await signedInPage(browser, ops.email, ops.password);
  await page.goto("/releases");
  const request = (text: string) => page.getByTestId("release-request").filter({ hasText: text });
  await request("新功能 new feature").getByLabel("Comment").fill("下周再发 next week");
  await request("新功能 new feature").getByRole("button", { name: "Reject" }).click();
  await expect(request("新功能 new feature")).toHaveCount(0);
  await request("回到 1.0.0 back to stable").getByRole("button", { name: "Approve and deploy" }).click();
  await expect(page).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  await expect(new ReleasePage(page).status()).toHaveAttribute("data-status", "succeeded", { timeout: 90_000 });
  const id = releaseId(page);
  await page.context().close();
  return id;
}

// An environment routed through a Gateway API Gateway (the sandbox's), the app deployed there
// with a host, and a canary of 2.0.0 running beside it.
async function runningCanary(
  admin: Page,
  dev: Page,
  appPath: string,
): Promise<{ canaryEnv: string; canaryReleaseId: string }> {
  const canaryEnv = `cy${randomBytes(3).toString("hex")}`;
  const sandboxDir = process.env.SLIPWAY_TEST_SANDBOX_DIR ?? join(process.cwd(), ".data", "test-sandbox");
  await admin.goto("/settings/environments");
  await admin.locator("#new-env-name").fill(canaryEnv);
  await admin.getByTestId("new-env-kubeconfig-file").setInputFiles({
    name: "slipway.kubeconfig",
    mimeType: "text/plain",
    buffer: readFileSync(join(sandboxDir, "slipway.kubeconfig")),
  });
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin).toHaveURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
  const routing = admin.getByTestId("routing-section");
  await routing.getByLabel("Routing").selectOption("gateway_api");
  await routing.getByLabel("Gateway", { exact: true }).fill("edge");
  await routing.getByLabel("Gateway namespace").fill("gw");
  await routing.getByRole("button", { name: "Save" }).click();
  await expect(routing).toContainText("Routing saved.");

  const app = new AppPage(dev);
  await app.goto(appPath, canaryEnv);
  const ingress = dev.getByTestId("param-ingress");
  await ingress.getByRole("textbox").first().fill("shop.walk.test");
  await ingress.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
  await expect(ingress.getByRole("textbox").first()).toHaveValue("shop.walk.test");
  await app.deploy("1.0.0");
  await new ReleasePage(dev).expectSucceeded(2);
  await app.goto(appPath, canaryEnv);
  const start = dev.getByTestId("start-canary");
  await start.locator("#canary-tag").fill("2.0.0");
  await start.getByRole("button", { name: "Start canary" }).click();
  await expect(dev.getByTestId(`canary-shop-${canaryEnv}`).getByTestId("canary-header")).toHaveText("X-Canary: always");
  await app.goto(appPath, canaryEnv);
  const href = await dev
    .getByTestId("release-row-2")
    .getByRole("link", { name: "#2", exact: true })
    .getAttribute("href");
  return { canaryEnv, canaryReleaseId: href!.split("/").pop()! };
}

async function environmentId(admin: Page, name: string): Promise<string> {
  await admin.goto("/settings/environments");
  const href = await admin.getByTestId(`environment-row-${name}`).getByRole("link").first().getAttribute("href");
  return href!.split("/").pop()!;
}
