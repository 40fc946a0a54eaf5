import "server-only";
import { db, type Prisma } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { BUILTIN_CHANGELOG, BUILTIN_TEMPLATES } from "@/lib/templates/builtin";

// PostgreSQL's jsonb does not keep key order, so stored and shipped schemas are compared with
// their keys sorted.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

// Seeds web-service, worker and cronjob, and adds a new version when a Slipway upgrade ships a
// changed built-in (apps stay on the version they pinned).
export async function ensureBuiltinTemplates(): Promise<string[]> {
  const changed: string[] = [];
  for (const builtin of BUILTIN_TEMPLATES) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7270736903)`;
      const existing = await tx.template.findUnique({
        where: { name: builtin.name },
        include: { versions: { orderBy: { version: "desc" }, take: 1 } },
      });
      const latest = existing?.versions[0];
      if (latest && latest.body === builtin.body && canonical(latest.schema) === canonical(builtin.schema)) return;
      const template =
        existing ??
        (await tx.template.create({
          data: {
            name: builtin.name,
            description: builtin.description.en,
            descriptionZh: builtin.description["zh-CN"],
            builtin: true,
          },
        }));
      const version = (latest?.version ?? 0) + 1;
      await tx.templateVersion.create({
        data: {
          templateId: template.id,
          version,
          schema: builtin.schema as Prisma.InputJsonValue,
          body: builtin.body,
          changelog: BUILTIN_CHANGELOG,
        },
      });
      await writeAudit(tx, {
        actor: { system: "bootstrap" },
        action: existing ? "template.new_version" : "template.create",
        target: { type: "template", id: template.id, label: `${builtin.name} v${version}` },
        after: { version, builtin: true },
      });
      changed.push(`${builtin.name} v${version}`);
    });
  }
  return changed;
}
