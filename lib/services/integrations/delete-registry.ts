import "server-only";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";

// Deletes a registry with its sealed secret, its webhook deliveries and the tags they
// recorded, refused while an environment takes its images from it (the message names them).
// Releases auto-deployed from its pushes keep their origin (copied into auto_deploys).
// The row is locked first: an environment saved meanwhile with this registry waits for the
// delete and then fails on the foreign key instead of pointing at nothing.
export async function deleteRegistry(actor: Actor, id: string, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM registries WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked)
      throw new AppError("not_found", "Unknown registry.", { field: "id", messageKey: "integrations.notFound" });
    const registry = await tx.registry.findUniqueOrThrow({
      where: { id },
      include: { environments: { select: { name: true }, orderBy: { position: "asc" } } },
    });
    if (registry.environments.length > 0) {
      const environments = registry.environments.map((env) => env.name).join(", ");
      throw new AppError(
        "conflict",
        `The registry ${registry.name} is still used by the environments ${environments}.`,
        { field: "id", messageKey: "integrations.registryInUse", values: { name: registry.name, environments } },
      );
    }
    const tags = await tx.imageTag.deleteMany({ where: { registryId: id } });
    const deliveries = await tx.buildEvent.deleteMany({ where: { registryId: id } });
    await tx.registry.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "registry.delete",
      target: { type: "registry", id, label: registry.name },
      before: {
        name: registry.name,
        kind: registry.kind,
        url: registry.url,
        tokenUrl: registry.tokenUrl,
        username: registry.username,
      },
      after: { deliveries: deliveries.count, tags: tags.count },
      context,
    });
  });
}
