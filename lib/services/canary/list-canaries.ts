import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { canaryView } from "./canary-view";
import { loadCanaryTarget } from "./canary-state";
import { mayCanary } from "./canary-access";

// The running canaries (of one app, or all), per environment in the environments' order, with
// what the cluster says of each and what the reader may do with it. Reading apps is everyone's
// (DESIGN.md), so every canary is listed; the controls follow canary-access.ts.
export async function listCanaries(actor: CurrentUser, filter: { appId?: string; environmentId?: string } = {}) {
  const rows = await db.canary.findMany({
    where: filter,
    include: { app: { include: { team: true } }, environment: true },
    orderBy: [{ environment: { position: "asc" } }, { createdAt: "asc" }],
  });
  return Promise.all(
    rows.map(async (row) => {
      const target = await loadCanaryTarget(row.appId, row.environmentId);
      return {
        id: row.id,
        appId: row.appId,
        environmentId: row.environmentId,
        app: { name: row.app.name, team: row.app.team.name },
        environment: { name: row.environment.name, displayName: row.environment.displayName },
        host: hostOf(target.objects),
        image: row.image,
        headerName: row.headerName,
        headerValue: row.headerValue,
        weight: row.weight,
        replicas: row.replicas,
        enabled: row.enabled,
        promoting: row.promotedBy !== null,
        startedBy: row.startedByLabel,
        startedAt: row.createdAt.toISOString(),
        live: await canaryView(target),
        maySwitch: mayCanary(actor, row.app.teamId, "switch"),
        mayManage: mayCanary(actor, row.app.teamId, "manage"),
      };
    }),
  );
}
export type CanaryRow = Awaited<ReturnType<typeof listCanaries>>[number];

// The host and path testers send their requests to: the route's first hostname and path.
function hostOf(objects: Record<string, unknown>[]): { host: string; path: string } | null {
  type Route = { spec?: { hostnames?: string[]; rules?: { matches?: { path?: { value?: string } }[] }[] } };
  type Ingress = { spec?: { rules?: { host?: string; http?: { paths?: { path?: string }[] } }[] } };
  const route = objects.find((o) => o.kind === "HTTPRoute") as Route | undefined;
  if (route?.spec?.hostnames?.[0])
    return { host: route.spec.hostnames[0], path: route.spec.rules?.[0]?.matches?.[0]?.path?.value ?? "/" };
  const ingress = objects.find((o) => o.kind === "Ingress") as Ingress | undefined;
  const rule = ingress?.spec?.rules?.[0];
  return rule?.host ? { host: rule.host, path: rule.http?.paths?.[0]?.path ?? "/" } : null;
}
