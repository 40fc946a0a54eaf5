import { withRoute } from "@/lib/api/with-route";
import { builtinDashboardJson } from "@/lib/grafana/builtin-dashboard";

export const dynamic = "force-dynamic";

// Slipway's app dashboard, to import into Grafana (Dashboards → New → Import).
export const GET = withRoute("console.read", async () =>
  Response.json(builtinDashboardJson(), {
    headers: { "content-disposition": 'attachment; filename="slipway-app-dashboard.json"' },
  }),
);
