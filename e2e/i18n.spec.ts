import { LoginPage } from "./pages/login-page";
import { createUserAsAdmin, expect, test } from "./fixtures";

test("the first screen follows the browser's language", async ({ browser }) => {
  const context = await browser.newContext({
    locale: "zh-CN",
    extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录 Slipway" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // The page carries its own words, not the whole catalogue (that comes once, with the scripts):
  // no text of the Alerts pages is in the sign-in page.
  const html = await (await context.request.get("/login", { headers: { "accept-language": "zh-CN" } })).text();
  expect(html).toContain("登录 Slipway");
  expect(html).not.toContain("只有运维人员和管理员可以管理团队订阅。");
  await context.close();
});

test("the language switch changes the page and is remembered for the user", async ({ usersPage, browser }) => {
  const user = await createUserAsAdmin(usersPage, "viewer", "reader");
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await new LoginPage(page).login(user.email, user.password);
  await expect(page.getByRole("heading", { name: "Apps" })).toBeVisible();

  await page.getByTestId("language-switcher").first().selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "应用" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("只读用户");
  await context.close();

  // A new browser that asks for English still gets the user's saved choice after sign-in.
  const fresh = await browser.newContext({ locale: "en-US" });
  const again = await fresh.newPage();
  await again.goto("/login");
  await expect(again.getByRole("heading", { name: "Sign in to Slipway" })).toBeVisible();
  await new LoginPage(again).login(user.email, user.password);
  await expect(again.getByRole("heading", { name: "应用" })).toBeVisible();
  await again.getByTestId("language-switcher").first().selectOption("en");
  await expect(again.getByRole("heading", { name: "Apps" })).toBeVisible();
  await fresh.close();
});
