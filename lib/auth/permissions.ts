// Who may do what (DESIGN.md "Roles"). The only place that maps roles to permissions; every
// server action, route handler and page asks `can()` through lib/auth/guards.ts.
export const ROLES = ["admin", "ops", "developer", "tester", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const everyone: readonly Role[] = ROLES;

export const PERMISSIONS = {
  "console.read": everyone,
  "audit.read": everyone,
  "profile.edit": everyone,
  "subscriptions.own": everyone,
  "subscriptions.team": ["admin", "ops"],
  "users.manage": ["admin"],
  "teams.manage": ["admin"],
  "environments.manage": ["admin"],
  "integrations.manage": ["admin"],
  // The integrations page: ops see registries, Jenkins and deliveries, admins change them.
  "integrations.read": ["admin", "ops"],
  "jobs.manage": ["admin"],
  "templates.manage": ["admin", "ops"],
  "apps.deploy": ["admin", "ops", "developer"],
  "apps.scale": ["admin", "ops"],
  "releases.approve": ["admin", "ops"],
  "canary.toggle": ["admin", "ops", "developer", "tester"],
  "canary.promote": ["admin", "ops", "developer"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
