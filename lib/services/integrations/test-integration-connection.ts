import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { IntegrationRef } from "@/lib/validations/integration";
import { checkJenkinsAccess, checkRegistryAccess, type IntegrationCheck } from "./check-integration";
import { openJenkins, openRegistry } from "./integration-access";

// "Test connection": runs the check with the stored credentials and keeps the result as the
// integration's status. An observation, not a change anybody made: not audited.
export async function testIntegrationConnection(ref: IntegrationRef): Promise<IntegrationCheck> {
  if (ref.kind === "registry") {
    const row = await db.registry.findUnique({ where: { id: ref.id } });
    if (!row) throw new AppError("not_found", "Unknown registry.", { field: "id" });
    const check = await checkRegistryAccess(openRegistry(row));
    await db.registry.update({
      where: { id: row.id },
      data: { checkedAt: new Date(), checkResult: check as unknown as Prisma.InputJsonValue, updatedAt: row.updatedAt },
    });
    return check;
  }
  const row = await db.jenkinsServer.findUnique({ where: { id: ref.id } });
  if (!row) throw new AppError("not_found", "Unknown Jenkins server.", { field: "id" });
  const check = await checkJenkinsAccess(openJenkins(row));
  await db.jenkinsServer.update({
    where: { id: row.id },
    data: { checkedAt: new Date(), checkResult: check as unknown as Prisma.InputJsonValue, updatedAt: row.updatedAt },
  });
  return check;
}
