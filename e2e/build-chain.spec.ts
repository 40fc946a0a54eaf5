import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { HarborFake } from "../test/support/harbor-fake";
import { JenkinsFake } from "../test/support/jenkins-fake";
import { buildImage, pushImage } from "../test/support/push-image";
import { startRegistry, type TestRegistry } from "../test/support/registry";
import { createUserAsAdmin, expect, signedInPage, test } from "./fixtures";
import { AppPage, ReleasePage } from "./pages/app-page";
import { createTeamWithMember } from "./pages/team-setup";

// The build chain as people meet it: Harbor (a loopback replay of its API and webhooks) is the
// test registry, a real docker-registry the production one. A push arrives by webhook and dev
// deploys itself; a developer picks that tag for test; prod refuses it until it is replicated,
// then runs exactly the digest that test ran.
const kubeconfigFile = join(
  process.env.SLIPWAY_TEST_SANDBOX_DIR ?? join(import.meta.dirname, "..", ".data", "test-sandbox"),
  "slipway.kubeconfig",
);

let harbor: HarborFake;
let prodRegistry: TestRegistry;

test.beforeAll(async () => {
  harbor = await new HarborFake().start();
  prodRegistry = await startRegistry();
});
test.afterAll(async () => {
  await harbor?.stop();
  await prodRegistry?.stop();
});

async function addRegistry(
  admin: Page,
  registry: { name: string; kind: string; url: string; user?: string; secret?: string },
) {
  await admin.goto("/integrations");
  await admin.locator("#new-registry-name").fill(registry.name);
  await admin.locator("#new-registry-kind").selectOption(registry.kind);
  await admin.locator("#new-registry-url").fill(registry.url);
  if (registry.user) await admin.locator("#new-registry-username").fill(registry.user);
  if (registry.secret) await admin.locator("#new-registry-secret").fill(registry.secret);
  await admin.getByRole("button", { name: "Save" }).first().click();
  await expect(admin.getByTestId(`registry-${registry.name}`)).toBeVisible();
}

async function addEnvironment(
  admin: Page,
  env: { name: string; position: number; registry: string; protected?: boolean; autoDeploy?: boolean },
) {
  await admin.goto("/settings/environments");
  await admin.locator("#new-env-name").fill(env.name);
  await admin.locator("#new-env-position").fill(String(env.position));
  if (env.protected) await admin.getByLabel(/^Protected/).check();
  await admin.getByTestId("new-env-kubeconfig-file").setInputFiles(kubeconfigFile);
  await admin.locator("#new-env-registry").selectOption({ label: env.registry });
  if (env.autoDeploy) await admin.getByLabel(/^Auto-deploy/).check();
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin).toHaveURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
}

test("a push deploys dev by itself, a developer picks it for test, prod refuses it until replicated and then runs the same digest", async ({
  adminPage,
  usersPage,
  browser,
}) => {
  test.setTimeout(240_000);
  const s = randomBytes(3).toString("hex");
  const dev = await createUserAsAdmin(usersPage, "developer", "bcdev");
  const team = `bc${s}`;

  // Integrations: the test Harbor (robot account) and the production registry.
  const harborName = `harbor-${s}`;
  await addRegistry(adminPage, {
    name: harborName,
    kind: "harbor",
    url: harbor.url,
    user: harbor.credentials!.username,
    secret: harbor.credentials!.password,
  });
  await expect(adminPage.getByTestId("integration-check").first()).toContainText("Connected");
  const secret = (await adminPage.getByTestId("one-time-secret").locator("code").textContent())!.trim();
  expect(secret).toMatch(/^whs_/);
  await adminPage.reload();
  await expect(adminPage.getByTestId("one-time-secret")).toHaveCount(0);
  await expect(adminPage.locator("body")).not.toContainText(secret);
  const harborCard = adminPage.locator("section").filter({ has: adminPage.getByTestId(`registry-${harborName}`) });
  const webhookUrl = (await harborCard.getByTestId("webhook-url").textContent())!.trim();
  const prodName = `prod-${s}`;
  await addRegistry(adminPage, { name: prodName, kind: "oci", url: prodRegistry.url });

  // dev -> test -> prod, each with its registry; dev deploys pushes by itself.
  const harborLabel = `${harborName} (${harbor.host})`;
  await addEnvironment(adminPage, { name: `${s}dev`, position: 900, registry: harborLabel, autoDeploy: true });
  await addEnvironment(adminPage, { name: `${s}test`, position: 910, registry: harborLabel });
  await addEnvironment(adminPage, {
    name: `${s}prod`,
    position: 920,
    registry: `${prodName} (${prodRegistry.host})`,
    protected: true,
  });

  // A team, its developer, and an app whose repository path is team/web.
  await createTeamWithMember(adminPage, team, dev.email);
  const page = await signedInPage(browser, dev.email, dev.password);
  await page.goto("/apps/new");
  await page.locator("#app-name").fill("web");
  await page.locator("#app-template").selectOption({ label: "web-service v1" });
  await page.locator("#app-image").fill(`${team}/web`);
  await page.getByRole("button", { name: "New app" }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  const appUrl = new URL(page.url()).pathname;

  // Jenkins pushed web:1.0.0 to Harbor; Harbor calls Slipway.
  const repository = `${team}/web`;
  const image = buildImage(`${team}-web-1.0.0`);
  harbor.push(repository, image.digest, ["1.0.0"]);
  const refused = await harbor.deliver(webhookUrl, "wrong", {
    type: "PUSH_ARTIFACT",
    repository,
    digest: image.digest,
    tag: "1.0.0",
  });
  expect(refused.status).toBe(401);
  const delivery = await harbor.deliver(webhookUrl, secret, {
    type: "PUSH_ARTIFACT",
    repository,
    digest: image.digest,
    tag: "1.0.0",
    operator: "alice",
  });
  expect(delivery.status).toBe(202);

  const app = new AppPage(page);
  const release = new ReleasePage(page);
  // Running now (succeeded) or, while it rolls out, the attempt in progress.
  const pushed = page.getByTestId(/^(current|latest)-release$/).filter({ hasText: "#1" });
  await expect(async () => {
    await app.goto(appUrl, `${s}dev`);
    await expect(pushed.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await pushed.first().getByRole("link", { name: "#1" }).click();
  await release.expectSucceeded(2);
  await expect(page.getByText("harbor", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("pushed-by")).toHaveText(`alice, to ${harborName}`);
  await expect(page.getByText("Image push")).toBeVisible();
  await expect(page.getByText(image.digest, { exact: true })).toBeVisible();

  // Test: the developer picks the tag from the picker.
  await app.goto(appUrl, `${s}test`);
  // The deploy form's picker (the canary form on the same page has one too).
  const picker = page.getByTestId("tag-picker").first();
  await expect(picker.getByTestId("tag-1.0.0")).toContainText(image.digest.slice(7, 19));
  await expect(picker.getByTestId("tag-1.0.0")).toContainText("alice");
  await picker.getByTestId("tag-1.0.0").click();
  await expect(page.locator("#deploy-tag")).toHaveValue("1.0.0");
  await page.getByRole("button", { name: "Preview changes" }).click();
  await page.getByRole("button", { name: `Deploy ${harbor.host}/${repository}:1.0.0` }).click();
  await release.expectSucceeded(2);
  await expect(page.getByText(image.digest, { exact: true })).toBeVisible();

  // Prod: the promotion of what test runs is refused until the image is replicated.
  await app.goto(appUrl, `${s}prod`);
  await expect(page.getByTestId("promotion").first()).toContainText(`${s}test runs 1.0.0`);
  await page.getByTestId("promotion").first().getByRole("button", { name: "Promote" }).click();
  await expect(page.getByTestId("deploy-image")).toContainText(`@${image.digest}`);
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.locator("#deploy-tag-error")).toContainText(`is not in ${prodName} yet`);
  await expect(page.locator("#deploy-tag-error")).toContainText("replication");

  await pushImage({ url: prodRegistry.url }, repository, ["1.0.0"], `${team}-web-1.0.0`);
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByTestId("deploy-preview")).toContainText(
    `${prodRegistry.host}/${repository}:1.0.0@${image.digest}`,
  );
  await page.getByRole("button", { name: "Request deploy (needs approval)" }).click();
  await expect(page.getByText("Request sent")).toBeVisible();

  await adminPage.goto("/releases");
  const request = adminPage.getByTestId("release-request").filter({ hasText: `${team}/web` });
  await request.getByRole("button", { name: "Approve and deploy" }).click();
  await expect(adminPage).toHaveURL(/\/releases\/[0-9a-f-]{36}$/);
  await new ReleasePage(adminPage).expectSucceeded(2);
  await expect(adminPage.getByText(image.digest, { exact: true })).toBeVisible();
  await expect(adminPage.getByTestId("release-manifest")).toContainText(`${repository}:1.0.0@${image.digest}`);

  // Prod's plain registry: the picker lists the tag at once and its digest as it arrives.
  await app.goto(appUrl, `${s}prod`);
  await expect(page.getByTestId("tag-picker").first().getByTestId("tag-1.0.0")).toContainText(
    image.digest.slice(7, 19),
  );
  await page.context().close();
});

test("an admin deletes a registry once no environment uses it, and a Jenkins server; their webhooks then answer 404", async ({
  adminPage,
}) => {
  test.setTimeout(120_000);
  const s = randomBytes(3).toString("hex");
  const jenkins = await new JenkinsFake().start();
  try {
    const doomed = `gone-${s}`;
    const keeper = `keep-${s}`;
    await addRegistry(adminPage, { name: doomed, kind: "oci", url: prodRegistry.url });
    await addRegistry(adminPage, { name: keeper, kind: "oci", url: prodRegistry.url });
    await addEnvironment(adminPage, { name: `${s}gone`, position: 950, registry: `${doomed} (${prodRegistry.host})` });
    const envUrl = adminPage.url();

    // Used: the confirmation names the environment, and the delete is refused naming it.
    await adminPage.goto("/integrations");
    const card = adminPage.locator("section").filter({ has: adminPage.getByTestId(`registry-${doomed}`) });
    await card.getByTestId("delete-registry").getByRole("button", { name: "Delete" }).click();
    await expect(card.getByRole("alertdialog")).toContainText(`still used by the environments ${s}gone`);
    await card.getByTestId("delete-confirm").click();
    await expect(card.getByTestId("delete-registry")).toContainText(
      `The registry ${doomed} is still used by the environments ${s}gone`,
    );
    await adminPage.reload();
    await expect(adminPage.getByTestId(`registry-${doomed}`)).toBeVisible();

    // The environment takes its images from the other registry: now it goes.
    await adminPage.goto(envUrl);
    await adminPage.locator("#edit-env-registry").selectOption({ label: `${keeper} (${prodRegistry.host})` });
    await adminPage.getByRole("button", { name: "Save" }).first().click();
    await expect(adminPage.getByText("Environment saved.")).toBeVisible();
    await adminPage.goto("/integrations");
    const freed = adminPage.locator("section").filter({ has: adminPage.getByTestId(`registry-${doomed}`) });
    await freed.getByTestId("delete-registry").getByRole("button", { name: "Delete" }).click();
    await expect(freed.getByRole("alertdialog")).toContainText("No environment uses it");
    await freed.getByTestId("delete-confirm").click();
    await expect(adminPage.getByTestId(`registry-${doomed}`)).toHaveCount(0);
    await expect(adminPage.getByTestId(`registry-${keeper}`)).toBeVisible();

    // A Jenkins server no app builds with.
    const ci = `ci-${s}`;
    await adminPage.locator("#new-jenkins-name").fill(ci);
    await adminPage.locator("#new-jenkins-url").fill(jenkins.url);
    await adminPage.locator("#new-jenkins-username").fill(jenkins.credentials.username);
    await adminPage.locator("#new-jenkins-token").fill(jenkins.credentials.token);
    await adminPage
      .locator("section")
      .filter({ hasText: "Add a Jenkins server" })
      .getByRole("button", { name: "Save" })
      .click();
    await expect(adminPage.getByTestId(`jenkins-${ci}`)).toBeVisible();
    const jenkinsCard = adminPage.locator("section").filter({ has: adminPage.getByTestId(`jenkins-${ci}`) });
    const endpoint = (await jenkinsCard.locator("code").first().textContent())!.trim();
    await jenkinsCard.getByTestId("delete-jenkins").getByRole("button", { name: "Delete" }).click();
    await expect(jenkinsCard.getByRole("alertdialog")).toContainText("No app builds with it");
    await jenkinsCard.getByTestId("delete-confirm").click();
    await expect(adminPage.getByTestId(`jenkins-${ci}`)).toHaveCount(0);
    const late = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer whatever" },
      body: JSON.stringify({ job: "shop/web", number: 1 }),
    });
    expect(late.status).toBe(404);
  } finally {
    await jenkins.stop();
  }
});

test("ops read the integrations page without changing it; a pipeline token deploys its team's app and reads the release", async ({
  usersPage,
  adminPage,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const ops = await createUserAsAdmin(usersPage, "ops", "bcops");
  const opsPage = await signedInPage(browser, ops.email, ops.password);
  await opsPage.goto("/integrations");
  await expect(opsPage.getByRole("link", { name: "Integrations" })).toBeVisible();
  await expect(opsPage.getByRole("heading", { name: "Image registries" })).toBeVisible();
  await expect(opsPage.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await expect(opsPage.locator("#new-registry-name")).toHaveCount(0);
  await opsPage.context().close();

  const dev = await createUserAsAdmin(usersPage, "developer", "tokdev");
  const team = `tk${randomBytes(3).toString("hex")}`;
  await createTeamWithMember(adminPage, team, dev.email);
  const page = await signedInPage(browser, dev.email, dev.password);
  await expect(page.getByRole("link", { name: "Integrations" })).toHaveCount(0);
  await page.goto("/apps/new");
  await page.locator("#app-name").fill("api");
  await page.locator("#app-template").selectOption({ label: "web-service v1" });
  await page.locator("#app-image").fill("harbor.example.com/tk/api");
  await page.getByRole("button", { name: "New app" }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  const appId = new URL(page.url()).pathname.split("/").pop()!;

  await page.goto("/settings/tokens");
  await page.locator("#token-name").fill("jenkins");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("one-time-secret").locator("code").textContent())!.trim();
  expect(token).toMatch(/^slp_/);

  const api = await playwright.request.newContext({ baseURL });
  const headers = { Authorization: `Bearer ${token}` };
  const envId = await adminPage
    .goto("/settings/environments")
    .then(async () =>
      (await adminPage.getByTestId("environment-row-dev").getByRole("link").getAttribute("href"))!.split("/").pop()!,
    );
  const bad = await api.post("/api/releases", { headers, data: { appId, environmentId: envId, tag: "not a tag" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()) as unknown).toMatchObject({ error: { field: "tag" } });
  const created = await api.post("/api/releases", { headers, data: { appId, environmentId: envId, tag: "2.0.0" } });
  expect(created.status()).toBe(201);
  const { releaseId } = (await created.json()) as { releaseId: string };
  const status = await api.get(`/api/releases/${releaseId}`, { headers });
  expect(status.status()).toBe(200);
  expect((await status.json()) as unknown).toMatchObject({
    app: `${team}/api`,
    environment: "dev",
    actor: `token:${team}/jenkins`,
  });

  await page.reload();
  await expect(page.getByTestId(`token-${team}-jenkins`)).not.toContainText("—");
  await page.getByTestId(`token-${team}-jenkins`).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId(`token-${team}-jenkins`)).toContainText("revoked");
  expect((await api.get(`/api/releases/${releaseId}`, { headers })).status()).toBe(401);
  await api.dispose();
  await page.context().close();
});
