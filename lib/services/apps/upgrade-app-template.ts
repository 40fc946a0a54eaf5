import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { lineDiff, type DiffLine } from "@/lib/diff/line-diff";
import type { RequestContext } from "@/lib/request-context";
import { assertTeamAccess } from "./assert-team-access";
import { loadAppEnvironment } from "./app-settings";
import { renderFor } from "./render-app";

export type UpgradePreview = {
  environment: string;
  diff: DiffLine[] | null;
  errors: string[];
}[];

async function targetVersion(appId: string, templateVersionId: string) {
  const app = await db.app.findUnique({ where: { id: appId }, include: { templateVersion: true, environments: true } });
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  const next = await db.templateVersion.findUnique({ where: { id: templateVersionId } });
  if (!next || next.templateId !== app.templateVersion.templateId) {
    throw new AppError("invalid_input", "Choose a version of the app's own template.", {
      field: "templateVersionId",
      messageKey: "validation.invalid",
    });
  }
  return { app, next };
}

// What each configured environment's rendered objects would become under another version of
// the template: the diff to read before saving the upgrade.
export async function previewAppUpgrade(appId: string, templateVersionId: string): Promise<UpgradePreview> {
  const { app, next } = await targetVersion(appId, templateVersionId);
  const preview: UpgradePreview = [];
  for (const settings of app.environments) {
    const target = await loadAppEnvironment(appId, settings.environmentId);
    const now = renderFor(target);
    const after = renderFor(target, { schema: next.schema, body: next.body });
    preview.push({
      environment: target.environment.name,
      diff: now.ok && after.ok ? lineDiff(now.yaml, after.yaml) : null,
      errors: after.ok ? [] : after.errors.map((e) => e.message),
    });
  }
  return preview;
}

export async function upgradeAppTemplate(
  actor: CurrentUser,
  input: { appId: string; templateVersionId: string },
  context: RequestContext,
): Promise<void> {
  const { app, next } = await targetVersion(input.appId, input.templateVersionId);
  assertTeamAccess(actor, app.teamId);
  const problems = (await previewAppUpgrade(input.appId, input.templateVersionId)).filter((p) => p.errors.length > 0);
  if (problems.length > 0) {
    throw new AppError("invalid_input", problems.map((p) => `${p.environment}: ${p.errors.join("; ")}`).join("\n"), {
      field: "templateVersionId",
    });
  }
  await db.$transaction(async (tx) => {
    await tx.app.update({ where: { id: app.id }, data: { templateVersionId: next.id } });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "app.upgrade_template",
      target: { type: "app", id: app.id, label: app.name },
      before: { templateVersion: app.templateVersion.version },
      after: { templateVersion: next.version },
      context,
    });
  });
}
