import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { sealSecret } from "@/lib/crypto/keys";
import { checkValues } from "@/lib/templates/check-parameters";
import { scalingParameterNames, secretParameterNames, valuesSchema } from "@/lib/templates/parameter-schema";
import { can } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/request-context";
import { assertTeamAccess } from "./assert-team-access";
import { loadAppEnvironment, secretsPlace } from "./app-settings";

// The environment's maximum bounds the replica count and both autoscaling bounds (checked again
// at deploy, on the rendered objects).
function assertWithinMaximum(
  values: Record<string, unknown>,
  scaling: string[],
  environment: { name: string; maxReplicas: number },
): void {
  for (const name of scaling) {
    const value = values[name];
    const bounds =
      value && typeof value === "object"
        ? (value as { enabled?: unknown; min?: unknown; max?: unknown })
        : { enabled: true, max: value };
    if (bounds.enabled === false) continue;
    const highest = Math.max(Number(bounds.min ?? 0) || 0, Number(bounds.max ?? 0) || 0);
    if (highest > environment.maxReplicas)
      throw new AppError(
        "invalid_input",
        `${highest} replicas is above ${environment.name}'s maximum of ${environment.maxReplicas}.`,
        { field: `values.${name}`, messageKey: "releases.aboveMax", values: { max: environment.maxReplicas } },
      );
  }
}

// Secret parameters left empty in the form keep their stored values.
function mergeSecrets(submitted: unknown, stored: unknown): Record<string, string> {
  const next = (submitted ?? {}) as Record<string, string>;
  const previous = (stored ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(next).map(([key, value]) => [key, value === "" ? (previous[key] ?? "") : value]),
  );
}

// Saves one environment's parameters, validated against the pinned template version. Secret
// parameters are sealed apart from the rest and reach the audit row only as key names.
export async function saveAppEnvironment(
  actor: CurrentUser,
  input: { appId: string; environmentId: string; values: Record<string, unknown> },
  context: RequestContext,
): Promise<void> {
  const loaded = await loadAppEnvironment(input.appId, input.environmentId);
  assertTeamAccess(actor, loaded.app.teamId);
  // A protected environment's parameters ship with whatever is deployed there next, approved or
  // not (an ops deploy, a push's auto-deploy): only who may deploy there directly changes them
  // (issue 9). A developer asks ops, whose change is in the diff of the next approved deploy.
  if (loaded.environment.protected && !can(actor.role, "releases.approve"))
    throw new AppError(
      "forbidden",
      `${loaded.environment.name} is protected: only ops or an admin change its parameters.`,
      {
        messageKey: "approvals.protectedParameters",
        values: { env: loaded.environment.displayName || loaded.environment.name },
      },
    );
  const secretNames = secretParameterNames(loaded.schema);
  const submitted: Record<string, unknown> = { ...input.values };
  for (const name of loaded.imageParameters) submitted[name] = loaded.values[name];
  for (const name of secretNames) submitted[name] = mergeSecrets(submitted[name], loaded.values[name]);
  // Replicas and autoscaling are for roles that scale (DESIGN.md). Anyone else's save keeps what
  // is stored (or the template's default) whatever was sent, so a developer's edit of an env var
  // goes through even when ops changed the replica count since the form was opened.
  const mayScale = can(actor.role, "apps.scale");
  const scaling = scalingParameterNames(loaded.schema);
  if (!mayScale)
    for (const name of scaling) {
      if (name in loaded.values) submitted[name] = loaded.values[name];
      else delete submitted[name];
    }
  const checked = checkValues(valuesSchema(loaded.schema), submitted);
  if (!checked.ok) {
    const fields = Object.fromEntries(checked.errors.map((e) => [`values.${e.parameter ?? "form"}`, e.message]));
    throw new AppError("invalid_input", checked.errors.map((e) => e.message).join("\n"), {
      field: Object.keys(fields)[0],
      fields,
    });
  }
  if (mayScale) assertWithinMaximum(checked.value, scaling, loaded.environment);
  const plain = Object.fromEntries(
    Object.entries(checked.value).filter(
      ([name]) => !secretNames.includes(name) && !loaded.imageParameters.includes(name),
    ),
  );
  const secrets = Object.fromEntries(Object.entries(checked.value).filter(([name]) => secretNames.includes(name)));
  const sealed =
    secretNames.length > 0 ? sealSecret(JSON.stringify(secrets), secretsPlace(input.appId, input.environmentId)) : null;
  const key = { appId_environmentId: { appId: input.appId, environmentId: input.environmentId } };
  await db.$transaction(async (tx) => {
    const before = await tx.appEnvironment.findUnique({ where: key });
    const data = { values: plain as Prisma.InputJsonValue, secretValuesEncrypted: sealed };
    await tx.appEnvironment.upsert({
      where: key,
      create: { appId: input.appId, environmentId: input.environmentId, ...data },
      update: data,
    });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "app.set_parameters",
      target: {
        type: "app",
        id: loaded.app.id,
        label: `${loaded.app.team.name}/${loaded.app.name}@${loaded.environment.name}`,
      },
      scope: { appId: loaded.app.id, environmentId: loaded.environment.id },
      before: before ? before.values : undefined,
      after: {
        ...plain,
        ...Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, Object.keys(value as object)])),
      },
      context,
    });
  });
}
