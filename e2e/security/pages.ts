// Every page of the app as a URL to open, found from app/**/page.tsx. Dynamic segments are
// filled from the security tests' world: a new page with a dynamic segment needs an entry in
// PAGE_PARAMS (the tests name it until it has one).
import { discoverPages } from "./support/discover";
import type { World } from "./support/world";

export const PAGE_PARAMS: Record<string, (world: World) => Record<string, string>> = {
  "/apps/[app]": (w) => ({ app: w.app.id }),
  "/apps/[app]/observe": (w) => ({ app: w.app.id }),
  "/apps/[app]/monitoring": (w) => ({ app: w.app.id }),
  "/apps/[app]/alerts": (w) => ({ app: w.app.id }),
  "/alerts/[id]": (w) => ({ id: w.planted.alertId }),
  "/alerts/subscriptions/[id]": (w) => ({ id: w.planted.subscriptionId }),
  "/releases/[id]": (w) => ({ id: w.release.id }),
  "/settings/environments/[id]": (w) => ({ id: w.environments.planted }),
  "/settings/users/[id]": (w) => ({ id: w.users.developer.id }),
  "/templates/[id]": (w) => ({ id: w.templateId }),
};

export function pageUrls(world: World): string[] {
  return discoverPages().map((page) => {
    if (page.params.length === 0) return page.path;
    const fill = PAGE_PARAMS[page.path];
    if (!fill) throw new Error(`${page.file}: add its path to PAGE_PARAMS in e2e/security/pages.ts`);
    const values = fill(world);
    return page.path.replace(/\[(\w+)\]/g, (_match, name: string) => values[name] ?? `[${name}]`);
  });
}
