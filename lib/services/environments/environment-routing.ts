import "server-only";
import { db } from "@/lib/db";
import type { RoutingInfo } from "@/lib/templates/render-context";
import type { RoutingMode } from "@/lib/validations/environment-routing";

export type EnvironmentRouting = {
  routing: RoutingMode;
  gatewayName: string | null;
  gatewayNamespace: string | null;
  gatewaySection: string | null;
  routingDecidedAt: Date | null;
};

// What templates see of an environment's routing (env.routing). A Gateway API environment
// without its Gateway cannot be saved; should a row say so anyway, it routes nothing.
export function routingInfo(row: Omit<EnvironmentRouting, "routingDecidedAt">): RoutingInfo {
  if (row.routing === "gateway_api" && row.gatewayName && row.gatewayNamespace)
    return {
      mode: "gateway_api",
      gateway: {
        name: row.gatewayName,
        namespace: row.gatewayNamespace,
        ...(row.gatewaySection ? { sectionName: row.gatewaySection } : {}),
      },
    };
  return row.routing === "ingress_nginx" ? { mode: "ingress_nginx" } : { mode: "none" };
}

export async function getEnvironmentRouting(id: string): Promise<EnvironmentRouting | null> {
  return db.environment.findUnique({
    where: { id },
    select: { routing: true, gatewayName: true, gatewayNamespace: true, gatewaySection: true, routingDecidedAt: true },
  });
}
