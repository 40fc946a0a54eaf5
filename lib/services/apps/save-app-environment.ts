import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { sealSecret } from "@/lib/crypto/keys";
import { checkValues } from "@/lib/templates/check-parameters";
import { secretParameterNames, valuesSchema } from "@/lib/templates/parameter-schema";
import type { RequestContext } from "@/lib/request-context";
import { assertTeamAccess } from "./assert-team-access";
import { loadAppEnvironment, secretsPlace } from "./app-settings";

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
  const secretNames = secretParameterNames(loaded.schema);
  const submitted: Record<string, unknown> = { ...input.values };
  for (const name of loaded.imageParameters) submitted[name] = loaded.values[name];
  for (const name of secretNames) submitted[name] = mergeSecrets(submitted[name], loaded.values[name]);
  const checked = checkValues(valuesSchema(loaded.schema), submitted);
  if (!checked.ok) {
    const fields = Object.fromEntries(checked.errors.map((e) => [`values.${e.parameter ?? "form"}`, e.message]));
    throw new AppError("invalid_input", checked.errors.map((e) => e.message).join("\n"), {
      field: Object.keys(fields)[0],
      fields,
    });
  }
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
      before: before ? before.values : undefined,
      after: {
        ...plain,
        ...Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, Object.keys(value as object)])),
      },
      context,
    });
  });
}
