import { createUserAsAdmin, expect, test } from "./fixtures";

test("the admin creates a team, adds and removes a member", async ({ usersPage, adminPage }) => {
  const member = await createUserAsAdmin(usersPage, "developer", "member");
  await adminPage.goto("/settings/teams");

  await adminPage.locator("#team-name").fill("Not_A_Namespace");
  await adminPage.getByRole("button", { name: "Create team" }).click();
  await expect(adminPage.locator("#team-name-error")).toContainText("lowercase letters, digits and '-'");

  const name = `team-${Date.now().toString(36)}`;
  await adminPage.locator("#team-name").fill(name);
  await adminPage.locator("#team-display").fill("Payments");
  await adminPage.getByRole("button", { name: "Create team" }).click();
  const card = adminPage.getByTestId(`team-${name}`);
  await expect(card).toContainText("No members yet.");

  await card.getByRole("combobox").selectOption({ label: `E2E developer (${member.email})` });
  await card.getByRole("button", { name: "Add member" }).click();
  await expect(card.getByRole("listitem").filter({ hasText: member.email })).toBeVisible();

  await card.getByRole("listitem").filter({ hasText: member.email }).getByRole("button", { name: "Remove" }).click();
  await expect(card).toContainText("No members yet.");
});
