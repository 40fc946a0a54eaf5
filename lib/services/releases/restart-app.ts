import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { RestartInput } from "@/lib/validations/release";
import { currentState } from "./current-state";
import type { RestartOperation } from "./release-objects";
import { openRelease } from "./release-store";
import { restartDescription } from "./release-descriptions";
import { releaseAccess } from "./release-access";
import { startRelease, type StartedRelease } from "./start-release";

// What `kubectl rollout restart` does: a new restartedAt on the pod template rolls every pod.
export async function restartApp(
  actor: CurrentUser,
  input: RestartInput,
  context: RequestContext,
): Promise<StartedRelease> {
  const { last, objects } = await currentState(input.appId, input.environmentId);
  if (releaseAccess(actor, last.app.teamId, last.environment, "deploy") === "request")
    throw new AppError("forbidden", "Only ops or an admin may restart in a protected environment.", {
      messageKey: "releases.protectedOnly",
    });
  const operation: RestartOperation = { restartedAt: new Date().toISOString() };
  const release = await openRelease({
    appId: last.appId,
    environmentId: last.environmentId,
    kind: "restart",
    image: last.image,
    parameters: last.parameters as Record<string, unknown>,
    objects,
    operation,
    ...restartDescription,
    actor: { id: actor.id, email: actor.email },
    actorLabel: actor.email,
    trigger: "user",
    audit: {
      action: "release.restart",
      label: `${last.app.team.name}/${last.app.name} ${last.environment.name}`,
      after: operation,
      context,
    },
  });
  return startRelease({ ...release, app: last.app, environment: last.environment }, objects);
}
