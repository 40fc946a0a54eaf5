import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import type { CreateAppInput } from "@/lib/validations/app";
import { assertTeamAccess } from "./assert-team-access";

export async function createApp(
  actor: CurrentUser,
  input: CreateAppInput,
  context: RequestContext,
): Promise<{ id: string }> {
  assertTeamAccess(actor, input.teamId);
  try {
    return await db.$transaction(async (tx) => {
      const team = await tx.team.findUnique({ where: { id: input.teamId } });
      if (!team)
        throw new AppError("invalid_input", "Unknown team.", { field: "teamId", messageKey: "validation.unknownTeam" });
      const version = await tx.templateVersion.findUnique({
        where: { id: input.templateVersionId },
        include: { template: true },
      });
      if (!version)
        throw new AppError("invalid_input", "Unknown template version.", {
          field: "templateVersionId",
          messageKey: "validation.invalid",
        });
      const app = await tx.app.create({ data: input });
      await writeAudit(tx, {
        actor: { id: actor.id, email: actor.email },
        action: "app.create",
        target: { type: "app", id: app.id, label: `${team.name}/${app.name}` },
        scope: { appId: app.id },
        after: {
          name: app.name,
          team: team.name,
          template: `${version.template.name} v${version.version}`,
          imageRepository: app.imageRepository,
        },
        context,
      });
      return { id: app.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The team already has an app named ${input.name}.`, {
        field: "name",
        messageKey: "validation.appTaken",
      });
    }
    throw error;
  }
}
