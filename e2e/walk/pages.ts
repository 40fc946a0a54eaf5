import { expect, type Page } from "@playwright/test";
import type { WalkWorld } from "./seed";

export type WalkRole = "admin" | "ops" | "developer" | "tester" | "viewer";
const ALL: WalkRole[] = ["admin", "ops", "developer", "tester", "viewer"];

// A page of the console, the roles that may open it, and the states worth reading besides the
// first view (a fold opened, a preview shown). The language walk (e2e/i18n-walk.spec.ts) reads
// every page and state for each role in both languages: a feature that adds a page adds it here.
export type WalkPage = {
  name: string;
  path: (world: WalkWorld) => string;
  roles?: WalkRole[];
  // A page answered with another status than 200 (the browser logs that as a failed load).
  status?: number;
  states?: { name: string; roles?: WalkRole[]; enter: (page: Page, world: WalkWorld) => Promise<void> }[];
};

const openFolds = async (page: Page) => {
  await page
    .locator("details")
    .evaluateAll((folds) => folds.forEach((fold) => ((fold as HTMLDetailsElement).open = true)));
};

export const WALK_PAGES: WalkPage[] = [
  { name: "apps", path: () => "/apps" },
  {
    name: "app in dev",
    path: (w) => `${w.appPath}?env=dev`,
    states: [
      { name: "folds open", enter: openFolds },
      {
        name: "deploy preview",
        roles: ["admin", "ops", "developer"],
        enter: async (page) => {
          await page.locator("#deploy-tag").fill("2.0.0");
          await page.locator("#deploy-tag").press("Enter");
          await expect(page.getByTestId("deploy-preview")).toBeVisible();
        },
      },
      {
        name: "rollback confirmation",
        roles: ["admin", "ops", "developer"],
        enter: async (page, w) => {
          await page.getByTestId(`release-row-${w.firstRelease}`).locator("button").click();
          await expect(page.getByTestId(`release-row-${w.firstRelease}`).locator("button")).toHaveCount(2);
        },
      },
    ],
  },
  { name: "app in prod", path: (w) => `${w.appPath}?env=prod` },
  { name: "app with a canary", path: (w) => `${w.appPath}?env=${w.canaryEnv}` },
  { name: "canaries", path: () => "/canaries" },
  { name: "a canary release", path: (w) => `/releases/${w.canaryReleaseId}` },
  { name: "an approved release", path: (w) => `/releases/${w.approvedReleaseId}` },
  { name: "pods, events and logs", path: (w) => `${w.appPath}/observe?env=dev` },
  { name: "new app", path: () => "/apps/new", roles: ["admin", "ops", "developer"] },
  { name: "releases", path: () => "/releases" },
  { name: "a succeeded release", path: (w) => `/releases/${w.succeededReleaseId}` },
  { name: "a rollback", path: (w) => `/releases/${w.rollbackReleaseId}` },
  { name: "a failed release", path: (w) => `/releases/${w.failedReleaseId}` },
  { name: "templates", path: () => "/templates" },
  { name: "a template", path: (w) => `/templates/${w.templateId}` },
  { name: "new template", path: () => "/templates/new", roles: ["admin", "ops"] },
  { name: "app monitoring in dev", path: (w) => `${w.appPath}/monitoring?env=dev` },
  { name: "app alerts in dev", path: (w) => `${w.appPath}/alerts?env=dev` },
  { name: "alerts", path: () => "/alerts" },
  { name: "alert subscriptions", path: () => "/alerts/subscriptions" },
  { name: "inbox", path: () => "/inbox" },
  { name: "integrations", path: () => "/integrations", roles: ["admin", "ops"] },
  { name: "alerting settings", path: () => "/settings/integrations/alerting", roles: ["admin"] },
  { name: "pipeline tokens", path: () => "/settings/tokens", roles: ["admin", "ops", "developer"] },
  { name: "background jobs", path: () => "/jobs", roles: ["admin"] },
  {
    name: "audit",
    path: () => "/audit",
    states: [{ name: "details open", enter: openFolds }],
  },
  { name: "audit with sign-ins", path: () => "/audit?signins=1" },
  { name: "audit of the app in dev", path: (w) => `/audit?app=${w.appId}&env=${w.devId}` },
  { name: "settings", path: () => "/settings" },
  { name: "users", path: () => "/settings/users", roles: ["admin"] },
  { name: "a user", path: (w) => `/settings/users/${w.developerId}`, roles: ["admin"] },
  { name: "teams", path: () => "/settings/teams", roles: ["admin"] },
  { name: "environments", path: () => "/settings/environments", roles: ["admin"] },
  { name: "an environment", path: (w) => `/settings/environments/${w.devId}`, roles: ["admin"] },
  { name: "a page that does not exist", path: () => "/no-such-page", status: 404 },
];

export function pagesFor(role: WalkRole): WalkPage[] {
  return WALK_PAGES.filter((page) => (page.roles ?? ALL).includes(role));
}
