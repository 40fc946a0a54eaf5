import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";
import type { EnvironmentRoutingInput } from "@/lib/validations/environment-routing";

// An admin sets how the environment routes HTTP to apps. The choice is final: detection never
// runs over it. Apps pick it up at their next release.
export async function saveEnvironmentRouting(
  actor: Actor,
  input: EnvironmentRoutingInput,
  context: RequestContext,
): Promise<void> {
  const data = {
    routing: input.routing,
    gatewayName: input.gatewayName ?? null,
    gatewayNamespace: input.gatewayNamespace ?? null,
    gatewaySection: input.gatewaySection ?? null,
  };
  await db.$transaction(async (tx) => {
    const found = await tx.environment.findUnique({
      where: { id: input.id },
      select: { name: true, routing: true, gatewayName: true, gatewayNamespace: true, gatewaySection: true },
    });
    if (!found) throw new AppError("not_found", "Unknown environment.", { field: "id" });
    const { name, ...previous } = found;
    await tx.environment.update({ where: { id: input.id }, data: { ...data, routingDecidedAt: new Date() } });
    await writeAudit(tx, {
      actor,
      action: "environment.routing",
      target: { type: "environment", id: input.id, label: name },
      before: previous,
      after: data,
      context,
    });
  });
}
