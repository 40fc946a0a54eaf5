import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { CurrentUser } from "@/lib/auth/session";
import type { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { ScaleInput } from "@/lib/validations/release";
import { currentState } from "./current-state";
import { hasAutoscaler, type ScaleOperation } from "./release-objects";
import { openRelease } from "./release-store";
import { scaleDescription } from "./release-descriptions";
import { releaseAccess } from "./release-access";
import { startRelease, type StartedRelease } from "./start-release";

function aboveMax(field: string, value: number, max: number, environment: string): AppError {
  return new AppError("invalid_input", `${value} replicas is above ${environment}'s maximum of ${max}.`, {
    field,
    messageKey: "releases.aboveMax",
    values: { max },
  });
}

// Ops set the replica count through the scale subresource, or the autoscaler's bounds when the
// app autoscales (then `replicas` is never written). The new numbers are saved into the app's
// parameters in the same transaction, so the next deploy keeps them.
export async function scaleApp(
  actor: CurrentUser,
  input: ScaleInput,
  context: RequestContext,
): Promise<StartedRelease> {
  const { last, objects } = await currentState(input.appId, input.environmentId);
  releaseAccess(actor, last.app.teamId, last.environment, "scale");
  const environment = last.environment;
  const autoscaled = hasAutoscaler(objects);
  let operation: ScaleOperation;
  let saved: Record<string, unknown>;
  if (autoscaled) {
    if (input.min === undefined || input.max === undefined)
      throw new AppError("invalid_input", "This app autoscales: set the minimum and maximum instead.", {
        field: "min",
        messageKey: "releases.autoscaledSetBounds",
      });
    if (input.max > environment.maxReplicas)
      throw aboveMax("max", input.max, environment.maxReplicas, environment.name);
    operation = { autoscaling: { min: input.min, max: input.max } };
  } else {
    if (input.replicas === undefined)
      throw new AppError("invalid_input", "Enter a replica count.", {
        field: "replicas",
        messageKey: "validation.required",
      });
    if (input.replicas > environment.maxReplicas)
      throw aboveMax("replicas", input.replicas, environment.maxReplicas, environment.name);
    operation = { replicas: input.replicas };
  }
  const scaled = objects.map((object) => {
    if ("replicas" in operation && object.kind === "Deployment")
      return { ...object, spec: { ...(object as { spec?: object }).spec, replicas: operation.replicas } };
    if ("autoscaling" in operation && object.kind === "HorizontalPodAutoscaler")
      return {
        ...object,
        spec: {
          ...(object as { spec?: object }).spec,
          minReplicas: operation.autoscaling.min,
          maxReplicas: operation.autoscaling.max,
        },
      };
    return object;
  }) as KubernetesObject[];
  const parameters = last.parameters as Record<string, unknown>;
  if ("replicas" in operation) saved = { replicas: operation.replicas };
  else
    saved = {
      autoscaling: {
        ...(parameters.autoscaling as Record<string, unknown> | undefined),
        min: operation.autoscaling.min,
        max: operation.autoscaling.max,
      },
    };
  const release = await openRelease({
    appId: last.appId,
    environmentId: last.environmentId,
    kind: "scale",
    image: last.image,
    parameters: { ...parameters, ...saved },
    objects: scaled,
    operation,
    ...scaleDescription(operation),
    actor: { id: actor.id, email: actor.email },
    actorLabel: actor.email,
    trigger: "user",
    alsoInTransaction: async (tx) => {
      const settings = await tx.appEnvironment.findUnique({
        where: { appId_environmentId: { appId: last.appId, environmentId: last.environmentId } },
      });
      const values = { ...((settings?.values as Record<string, unknown> | undefined) ?? {}), ...saved };
      await tx.appEnvironment.upsert({
        where: { appId_environmentId: { appId: last.appId, environmentId: last.environmentId } },
        create: { appId: last.appId, environmentId: last.environmentId, values: values as Prisma.InputJsonValue },
        update: { values: values as Prisma.InputJsonValue },
      });
    },
    audit: {
      action: "release.scale",
      label: `${last.app.team.name}/${last.app.name} ${environment.name}`,
      after: { ...operation },
      context,
    },
  });
  return startRelease({ ...release, app: last.app, environment: last.environment }, scaled);
}
