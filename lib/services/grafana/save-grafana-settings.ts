import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { sealSecret } from "@/lib/crypto/keys";
import type { GrafanaCheck } from "@/lib/grafana/problems";
import { isSlipwayItself } from "@/lib/grafana/slipway-url";
import type { RequestContext } from "@/lib/request-context";
import type { GrafanaSettingsInput } from "@/lib/validations/grafana";
import { checkEnvironmentGrafana } from "./check-environment-grafana";
import { forgetGrafanaConfig } from "./grafana-config-cache";
import { grafanaTokenPlace, toGrafanaSettingsView, type GrafanaSettingsView } from "./grafana-settings-view";

// For the audit row: the settings without the token (only whether markers can be posted) or
// the check. Key names avoid "token", which the audit redacts wholesale.
function audited(view: GrafanaSettingsView | null) {
  if (!view) return undefined;
  const { checkedAt: _at, check: _check, updatedAt: _updated, hasToken, ...rest } = view;
  return { ...rest, markersEnabled: hasToken };
}

// Saves an environment's Grafana settings (an empty URL removes them) and checks the Grafana at
// once, so the administrator sees what a viewer will meet. A new token is sealed like a
// kubeconfig; an empty one keeps the stored token.
export async function saveGrafanaSettings(
  actor: Actor,
  input: GrafanaSettingsInput,
  context: RequestContext,
): Promise<{ check: GrafanaCheck | null }> {
  const environment = await db.environment.findUnique({ where: { id: input.environmentId } });
  if (!environment) throw new AppError("not_found", "Unknown environment.", { field: "environmentId" });
  if (input.baseUrl && isSlipwayItself(input.baseUrl)) {
    throw new AppError("invalid_input", "This is Slipway's own address, not Grafana's.", {
      field: "baseUrl",
      messageKey: "grafana.validation.slipwayItself",
    });
  }
  const environmentId = environment.id;
  const { baseUrl } = input;
  await db.$transaction(async (tx) => {
    const existing = await tx.environmentGrafana.findUnique({ where: { environmentId } });
    const before = existing ? toGrafanaSettingsView(existing) : null;
    if (!baseUrl) {
      if (!existing) return;
      await tx.environmentGrafana.delete({ where: { environmentId } });
      await writeAudit(tx, {
        actor,
        action: "environment.grafana.remove",
        target: { type: "environment", id: environmentId, label: environment.name },
        before: audited(before),
        context,
      });
      return;
    }
    const custom = input.dashboard === "custom";
    const tokenEncrypted = input.token
      ? sealSecret(input.token, grafanaTokenPlace(environmentId))
      : input.removeToken
        ? null
        : (existing?.tokenEncrypted ?? null);
    const data = {
      baseUrl,
      orgId: input.orgId,
      dashboardUid: custom ? (input.dashboardUid ?? null) : null,
      panels: custom ? (input.panels as Prisma.InputJsonValue) : Prisma.DbNull,
      variables: input.variables as Prisma.InputJsonValue,
      tokenEncrypted,
    };
    const saved = await tx.environmentGrafana.upsert({
      where: { environmentId },
      create: { environmentId, ...data },
      update: data,
    });
    await writeAudit(tx, {
      actor,
      action: "environment.grafana.update",
      target: { type: "environment", id: environmentId, label: environment.name },
      before: audited(before),
      after: { ...audited(toGrafanaSettingsView(saved)), markerAccessReplaced: Boolean(input.token) },
      context,
    });
  });
  forgetGrafanaConfig();
  return { check: baseUrl ? await checkEnvironmentGrafana(environmentId) : null };
}
