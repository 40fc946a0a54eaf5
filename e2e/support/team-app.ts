import { expect, type Page } from "@playwright/test";

// A team made on the teams page, with the given people as members (as their names show in
// the member picker: "Name (email)").
export async function createTeam(
  adminPage: Page,
  team: { name: string; displayName?: string },
  members: { name: string; email: string }[],
): Promise<void> {
  await adminPage.goto("/settings/teams");
  await adminPage.locator("#team-name").fill(team.name);
  if (team.displayName) await adminPage.locator("#team-display").fill(team.displayName);
  await adminPage.getByRole("button", { name: "Create team" }).click();
  const card = adminPage.getByTestId(`team-${team.name}`);
  for (const member of members) {
    await card.getByRole("combobox").selectOption({ label: `${member.name} (${member.email})` });
    await card.getByRole("button", { name: "Add member" }).click();
    await expect(card.getByRole("listitem").filter({ hasText: member.email })).toBeVisible();
  }
}

// An app on web-service v1 made on the new-app page; returns its page's path.
export async function createApp(page: Page, app: { name: string; team: string; repository: string }): Promise<string> {
  await page.goto("/apps/new");
  await page.locator("#app-name").fill(app.name);
  await page.locator("#app-team").selectOption({ label: app.team });
  await page.locator("#app-template").selectOption({ label: "web-service v1" });
  await page.locator("#app-image").fill(app.repository);
  await page.getByRole("button", { name: "New app" }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}
