import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { startFakeGrafana, type FakeGrafana } from "../test/fake-grafana";
import { closedPort, kubeconfigFor } from "../test/kubeconfigs";
import { expect, test } from "./fixtures";
import { AppPage, ReleasePage } from "./pages/app-page";

// An environment on a cluster that is not there (saved unverified): the monitoring tab needs
// only its name and namespace rule.
async function addEnvironment(page: Page, name: string, displayName: string) {
  await page.goto("/settings/environments");
  await page.locator("#new-env-name").fill(name);
  await page.locator("#new-env-display").fill(displayName);
  await page.locator("#new-env-kubeconfig").fill(kubeconfigFor(`https://127.0.0.1:${await closedPort()}`));
  await page.getByLabel("Save without verifying the connection").check();
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page).toHaveURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
}

async function saveGrafana(page: Page) {
  await page.getByRole("button", { name: "Save" }).last().click();
}

// A team and an app of it on web-service, made by the admin; lands on the app's page.
async function teamWithApp(page: Page, team: string, app: string) {
  await page.goto("/settings/teams");
  await page.locator("#team-name").fill(team);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByTestId(`team-${team}`)).toBeVisible();
  await page.goto("/apps/new");
  await page.locator("#app-name").fill(app);
  await page.locator("#app-team").selectOption({ label: team });
  await page.locator("#app-template").selectOption({ label: "web-service v1" });
  await page.locator("#app-image").fill(`harbor.example.com/shop/${app}`);
  await page.getByRole("button", { name: "New app" }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test("the monitoring tab shows an app's Grafana panels, the range picker changes them, and a misconfigured Grafana is explained", async ({
  adminPage: page,
}) => {
  test.setTimeout(120_000);
  const fakes: FakeGrafana[] = [];
  try {
    const good = await startFakeGrafana();
    const refusing = await startFakeGrafana({ allowEmbedding: false });
    fakes.push(good, refusing);
    const suffix = randomBytes(3).toString("hex");
    const team = `mon${suffix}`;

    // An environment whose Grafana embeds; bad input first, refused on its field.
    await addEnvironment(page, `gfok${suffix}`, `Metrics ${suffix}`);
    await page.locator("#grafana-url").fill(`http://admin:secret@127.0.0.1:${new URL(good.url).port}`);
    await page.getByLabel("Our own dashboard").check();
    await page.locator("#grafana-uid").fill("app-overview");
    await page.getByLabel("Panel id 1").fill("latency");
    await saveGrafana(page);
    await expect(page.locator("#grafana-url-error")).toHaveText(
      "Leave user and password out of the URL; Slipway uses the token.",
    );
    await expect(page.locator("#grafana-panel-0-id-error")).toHaveText(
      "A panel id is a number (panelId=2 in Grafana's panel link).",
    );
    await page.locator("#grafana-url").fill(good.url);
    await page.locator("#grafana-variables").fill("var-namespace={namespace}\nvar-service={service}");
    await saveGrafana(page);
    await expect(page.locator("#grafana-variables-error")).toHaveText(
      "Unknown variable in a value: only {namespace}, {app}, {env} and {team} are filled in.",
    );
    await expect(page.getByTestId("grafana-check")).toHaveCount(0);
    await page.getByLabel("Slipway's app dashboard (UID slipway-app)").check();
    await page.locator("#grafana-variables").fill("var-namespace={namespace}\nvar-app={app}\nvar-env={env}");
    await page.locator("#grafana-token").fill(good.options.token);
    await saveGrafana(page);
    await expect(page.getByText("Grafana settings saved.")).toBeVisible();
    await expect(page.getByTestId("grafana-check")).toContainText(
      "Grafana answers, and its panels can be shown in Slipway.",
    );
    await expect(page.getByTestId("grafana-check")).toContainText("Grafana 11.3.0");
    await expect(page.locator("#grafana-token")).toHaveValue("");
    await expect(page.getByText("A token is stored.")).toBeVisible();
    await expect(page.locator("body")).not.toContainText(good.options.token);

    // An environment whose Grafana refuses to be framed (allow_embedding = false).
    await addEnvironment(page, `gfno${suffix}`, `Refusing ${suffix}`);
    await page.locator("#grafana-url").fill(refusing.url);
    await saveGrafana(page);
    await expect(page.getByTestId("grafana-problems")).toContainText("X-Frame-Options: DENY");

    await teamWithApp(page, team, "cart");

    await page.getByRole("link", { name: "Monitoring" }).click();
    await expect(page).toHaveURL(/\/monitoring\?env=dev$/);
    await page.getByRole("link", { name: `Metrics ${suffix}` }).click();
    await expect(page).toHaveURL(new RegExp(`/monitoring\\?env=gfok${suffix}&`));
    const panels = page.getByTestId("grafana-panel");
    await expect(panels).toHaveCount(6);
    const first = new URL((await panels.first().getAttribute("src"))!);
    expect(`${first.origin}${first.pathname}`).toBe(`${good.url}/d-solo/slipway-app`);
    expect(Object.fromEntries(first.searchParams)).toEqual({
      orgId: "1",
      panelId: "1",
      "var-namespace": `${team}-gfok${suffix}`,
      "var-app": "cart",
      "var-env": `gfok${suffix}`,
      from: "now-6h",
      to: "now",
      timezone: "browser",
      theme: "light",
    });
    await expect(panels.nth(2)).toHaveAttribute("title", "Latency p95");
    await expect(panels.nth(2)).toHaveAttribute("src", /panelId=3&/);
    // The frame shows what Grafana served for that panel.
    await expect(page.frameLocator('[data-testid="grafana-panel"] >> nth=1').getByText("panel 2")).toBeVisible();
    await expect(page.getByTestId("grafana-explanation")).toHaveCount(0);

    await page.locator("#grafana-range").selectOption({ label: "Last 24 hours" });
    await expect(panels.first()).toHaveAttribute("src", /from=now-24h&to=now/);
    await page.locator("#grafana-refresh").selectOption({ label: "Every minute" });
    await expect(panels.first()).toHaveAttribute("src", /from=now-24h&to=now&refresh=1m/);
    await expect(page.getByTestId("grafana-dashboard-link")).toHaveAttribute(
      "href",
      `${good.url}/d/slipway-app?orgId=1&var-namespace=${team}-gfok${suffix}&var-app=cart&var-env=gfok${suffix}&from=now-24h&to=now&refresh=1m&timezone=browser`,
    );
    await page.locator("#grafana-range").selectOption({ label: "Custom" });
    await page.locator("#grafana-from").fill("2026-11-30T08:00");
    await page.locator("#grafana-to").fill("2026-11-30T10:30");
    await page.getByRole("button", { name: "Apply" }).click();
    const from = await page.evaluate(() => new Date("2026-11-30T08:00").getTime());
    const to = await page.evaluate(() => new Date("2026-11-30T10:30").getTime());
    await expect(panels.first()).toHaveAttribute("src", new RegExp(`from=${from}&to=${to}&refresh=1m`));

    // The app's own panels: the third one first, another height, and only two.
    await page.getByLabel("Remove 6").click();
    await page.getByLabel("Remove 5").click();
    await page.getByLabel("Remove 4").click();
    await page.getByLabel("Remove 2").click();
    await page.getByLabel("Move up 2").click();
    await page.getByLabel("Height (px) 1").fill("400");
    await page.getByRole("button", { name: "Save panels" }).click();
    await expect(panels).toHaveCount(2);
    await expect(panels.first()).toHaveAttribute("src", /panelId=3&/);
    await expect(panels.first()).toHaveAttribute("height", "400");
    await expect(page.getByText("This app's own panels.")).toBeVisible();

    // The environment whose Grafana refuses frames says why and what to change.
    await page.getByRole("link", { name: `Refusing ${suffix}` }).click();
    await expect(page).toHaveURL(new RegExp(`/monitoring\\?env=gfno${suffix}&`));
    const explanation = page.getByTestId("grafana-explanation");
    await expect(explanation).toContainText(`Panels may not show: Grafana for Refusing ${suffix} needs a change`);
    await expect(explanation).toContainText("X-Frame-Options: DENY");
    await expect(explanation).toContainText("allow_embedding = true");
    await expect(panels).toHaveCount(2);
  } finally {
    await Promise.all(fakes.map((fake) => fake.close()));
  }
});

test("a deploy shows the app's first panels over its window on the release page and is marked in Grafana as a region", async ({
  adminPage: page,
}) => {
  test.setTimeout(120_000);
  const grafana = await startFakeGrafana();
  try {
    await page.goto("/settings/environments");
    await page.getByTestId("environment-row-dev").getByRole("link").first().click();
    await page.locator("#grafana-url").fill(grafana.url);
    await page.locator("#grafana-token").fill(grafana.options.token);
    await saveGrafana(page);
    await expect(page.getByTestId("grafana-check")).toContainText("Grafana answers");

    const team = `rlm${randomBytes(3).toString("hex")}`;
    const appUrl = await teamWithApp(page, team, "shop");
    const app = new AppPage(page);
    await app.goto(appUrl, "dev");
    await app.deploy("1.0.0");
    await new ReleasePage(page).expectSucceeded(2);

    // Its end is marked by the background job: one region, tagged, linking back here.
    const releaseUrl = page.url();
    await expect
      .poll(() => grafana.annotations.filter((a) => a.tags.includes(`team:${team}`)).map((a) => a.timeEnd > a.time), {
        timeout: 30_000,
      })
      .toEqual([true]);
    const [marker] = grafana.annotations.filter((a) => a.tags.includes(`team:${team}`));
    expect(marker!.tags).toEqual(["slipway", "app:shop", "env:dev", "kind:deploy", `team:${team}`]);
    expect(marker!.text).toContain(`href="${releaseUrl}"`);

    await page.reload();
    await expect(page.getByTestId("grafana-marker")).toHaveText(
      `Grafana marker: Marked from start to end (annotation ${marker!.id}).`,
    );
    const panels = page.getByTestId("grafana-panel");
    await expect(panels).toHaveCount(2);
    const src = new URL((await panels.first().getAttribute("src"))!);
    expect(Number(src.searchParams.get("from"))).toBe(marker!.time - 15 * 60_000);
    expect(Number(src.searchParams.get("to"))).toBe(marker!.timeEnd + 15 * 60_000);
    expect(src.searchParams.get("var-app")).toBe("shop");
  } finally {
    // dev serves the other specs: it goes back to having no Grafana.
    await page.goto("/settings/environments");
    await page.getByTestId("environment-row-dev").getByRole("link").first().click();
    await page.locator("#grafana-url").fill("");
    await saveGrafana(page);
    await expect(page.getByText("No Grafana for this environment.")).toBeVisible();
    await grafana.close();
  }
});
