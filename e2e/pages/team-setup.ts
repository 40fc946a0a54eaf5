import { expect, type Page } from "@playwright/test";

// A team made on the admin's teams page, with one developer added as its member.
export async function createTeamWithMember(adminPage: Page, team: string, developerEmail: string): Promise<void> {
  await adminPage.goto("/settings/teams");
  await adminPage.locator("#team-name").fill(team);
  await adminPage.getByRole("button", { name: "Create team" }).click();
  const card = adminPage.getByTestId(`team-${team}`);
  await card.getByRole("combobox").selectOption({ label: `E2E developer (${developerEmail})` });
  await card.getByRole("button", { name: "Add member" }).click();
  await expect(card.getByRole("listitem").filter({ hasText: developerEmail })).toBeVisible();
}
