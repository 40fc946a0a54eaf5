import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";
import { validateTemplate } from "@/lib/templates/render-template";
import type { SaveTemplateVersionInput } from "@/lib/validations/template";
import { parseJsonField } from "./parse-schema-text";
import { templateProblem } from "./template-problem";

// Saving a template always writes a new, immutable version: apps keep rendering the version
// they pinned until someone upgrades them.
export async function saveTemplateVersion(
  actor: Actor,
  input: SaveTemplateVersionInput,
  context: RequestContext,
): Promise<{ templateId: string; version: number }> {
  const schema = parseJsonField(input.schemaText, "schemaText");
  const checked = validateTemplate({ schema, body: input.body });
  if (!checked.ok) throw templateProblem(checked.errors);
  try {
    return await db.$transaction(async (tx) => {
      const template = input.templateId
        ? await tx.template.findUnique({
            where: { id: input.templateId },
            include: { versions: { orderBy: { version: "desc" }, take: 1 } },
          })
        : null;
      if (input.templateId && !template) throw new AppError("not_found", "Unknown template.", { field: "templateId" });
      const saved =
        template ??
        (await tx.template.create({
          data: { name: input.name, description: input.description, descriptionZh: input.descriptionZh },
          include: { versions: true },
        }));
      if (template && (template.description !== input.description || template.descriptionZh !== input.descriptionZh)) {
        await tx.template.update({
          where: { id: template.id },
          data: { description: input.description, descriptionZh: input.descriptionZh },
        });
      }
      const previous = saved.versions[0];
      const version = (previous?.version ?? 0) + 1;
      await tx.templateVersion.create({
        data: {
          templateId: saved.id,
          version,
          schema: schema as Prisma.InputJsonValue,
          body: input.body,
          changelog: input.changelog,
          createdById: "id" in actor ? actor.id : null,
        },
      });
      await writeAudit(tx, {
        actor,
        action: template ? "template.new_version" : "template.create",
        target: { type: "template", id: saved.id, label: `${saved.name} v${version}` },
        before: previous ? { version: previous.version } : undefined,
        after: { version, changelog: input.changelog },
        context,
      });
      return { templateId: saved.id, version };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A template named ${input.name} already exists.`, {
        field: "name",
        messageKey: "validation.templateTaken",
      });
    }
    throw error;
  }
}
