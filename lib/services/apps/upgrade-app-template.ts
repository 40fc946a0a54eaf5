import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { lineDiff, type DiffLine } from "@/lib/diff/line-diff";
import type { RequestContext } from "@/lib/request-context";
import { maskSecrets } from "@/lib/secrets/mask";
import { toYaml } from "@/lib/templates/to-yaml";
import { assertTeamAccess } from "./assert-team-access";
import { loadAppEnvironment } from "./app-settings";
import { renderFor, type RenderedApp } from "./render-app";

export type UpgradePreview = {
  environment: string;
  diff: DiffLine[] | null;
  errors: string[];
}[];

async function targetVersion(actor: CurrentUser, appId: string, templateVersionId: string) {
  const app = await db.app.findUnique({ where: { id: appId }, include: { templateVersion: true, environments: true } });
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  // The preview shows every environment's rendered objects: the app's team only.
  assertTeamAccess(actor, app.teamId);
  const next = await db.templateVersion.findUnique({ where: { id: templateVersionId } });
  if (!next || next.templateId !== app.templateVersion.templateId) {
    throw new AppError("invalid_input", "Choose a version of the app's own template.", {
      field: "templateVersionId",
      messageKey: "validation.invalid",
    });
  }
  return { app, next };
}

// Secret values masked with a fingerprint, so the diff shows that a value changed, not the value.
function readable(rendered: RenderedApp & { ok: true }): string {
  return toYaml(maskSecrets(rendered.objects, { fingerprint: true }));
}

// What each configured environment's rendered objects would become under another version of
// the template: the diff to read before saving the upgrade.
export async function previewAppUpgrade(
  actor: CurrentUser,
  appId: string,
  templateVersionId: string,
): Promise<UpgradePreview> {
  const { app, next } = await targetVersion(actor, appId, templateVersionId);
  const preview: UpgradePreview = [];
  for (const settings of app.environments) {
    const target = await loadAppEnvironment(appId, settings.environmentId);
    const now = renderFor(target);
    const after = renderFor(target, { schema: next.schema, body: next.body });
    preview.push({
      environment: target.environment.name,
      diff: now.ok && after.ok ? lineDiff(readable(now), readable(after)) : null,
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
  const { app, next } = await targetVersion(actor, input.appId, input.templateVersionId);
  const problems = (await previewAppUpgrade(actor, input.appId, input.templateVersionId)).filter(
    (p) => p.errors.length > 0,
  );
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
      scope: { appId: app.id },
      before: { templateVersion: app.templateVersion.version },
      after: { templateVersion: next.version },
      context,
    });
  });
}
