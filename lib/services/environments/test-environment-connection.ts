import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkConnection, type ConnectionCheck } from "@/lib/kube/check-connection";
import { clusterFor } from "@/lib/kube/client";
import { detectEnvironmentRouting } from "./detect-environment-routing";
import { renderNamespace } from "./environment-view";

// The namespace the check asks about: the pattern filled with the first team (or "example").
async function sampleNamespace(pattern: string, environment: string): Promise<string> {
  const team = await db.team.findFirst({ orderBy: { name: "asc" } });
  return renderNamespace(pattern, { team: team?.name ?? "example", env: environment });
}

// Runs the connection check and stores its result as the environment's status. The result is
// a cached observation of the cluster, not a change anybody made, so it is not audited.
export async function testEnvironmentConnection(id: string): Promise<ConnectionCheck> {
  const environment = await db.environment.findUnique({ where: { id } });
  if (!environment) throw new AppError("not_found", "Unknown environment.", { field: "id" });
  const namespace = await sampleNamespace(environment.namespacePattern, environment.name);
  let result: ConnectionCheck;
  try {
    result = await checkConnection(clusterFor(environment), namespace);
  } catch (error) {
    result = {
      ok: false,
      serverVersion: null,
      namespace,
      access: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
  await db.environment.update({
    where: { id },
    data: {
      checkedAt: new Date(),
      checkResult: result as unknown as Prisma.InputJsonValue,
      updatedAt: environment.updatedAt,
    },
  });
  if (!result.error) await detectEnvironmentRouting(id);
  return result;
}

export { sampleNamespace };
