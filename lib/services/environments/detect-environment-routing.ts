import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { clusterFor } from "@/lib/kube/client";
import { detectRouting, type RoutingDetection } from "@/lib/kube/detect-routing";

// The first time Slipway reaches an environment's cluster, it looks at what routing the
// cluster offers (lib/kube/detect-routing.ts) and takes it as the environment's routing, with
// an audit row naming what it found. Once decided (by this, or by an admin), it never runs
// again. A cluster that cannot be asked leaves it undecided for the next connection check.
export async function detectEnvironmentRouting(id: string): Promise<RoutingDetection | null> {
  const environment = await db.environment.findUnique({ where: { id } });
  if (!environment || environment.routingDecidedAt) return null;
  let found: RoutingDetection;
  try {
    found = await detectRouting(clusterFor(environment));
  } catch (error) {
    console.warn(`routing detection for ${environment.name} failed:`, error instanceof Error ? error.message : error);
    return null;
  }
  const data = {
    routing: found.mode,
    gatewayName: found.mode === "gateway_api" ? found.gateway.name : null,
    gatewayNamespace: found.mode === "gateway_api" ? found.gateway.namespace : null,
    gatewaySection: null,
  };
  const decided = await db.$transaction(async (tx) => {
    // Whoever decides first wins: an admin's save in the meantime is kept.
    const { count } = await tx.environment.updateMany({
      where: { id, routingDecidedAt: null },
      data: { ...data, routingDecidedAt: new Date(), updatedAt: environment.updatedAt },
    });
    if (count === 0) return false;
    await writeAudit(tx, {
      actor: { system: "routing-detection" },
      action: "environment.routing",
      target: { type: "environment", id, label: environment.name },
      after: { ...data, detected: found },
    });
    return true;
  });
  return decided ? found : null;
}
