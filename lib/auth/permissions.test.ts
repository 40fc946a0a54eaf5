import { describe, expect, it } from "vitest";
import { can, ROLES, type Permission } from "./permissions";

// The table in DESIGN.md "Roles", row by row: admin, ops, developer, tester, viewer.
const TABLE: [Permission, string][] = [
  ["console.read", "yyyyy"],
  ["audit.read", "yyyyy"],
  ["apps.deploy", "yyy--"],
  ["apps.scale", "yy---"],
  ["releases.approve", "yy---"],
  ["canary.toggle", "yyyy-"],
  ["canary.promote", "yyy--"],
  ["templates.manage", "yy---"],
  ["environments.manage", "y----"],
  ["integrations.manage", "y----"],
  ["integrations.read", "yy---"],
  ["users.manage", "y----"],
  ["teams.manage", "y----"],
  ["subscriptions.own", "yyyyy"],
  ["subscriptions.team", "yy---"],
];

describe("role permissions", () => {
  it.each(TABLE)("%s follows the design table", (permission, row) => {
    expect(ROLES.map((role) => (can(role, permission) ? "y" : "-")).join("")).toBe(row);
  });
});
