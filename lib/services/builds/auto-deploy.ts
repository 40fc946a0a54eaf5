import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import type { StoredMessage } from "@/lib/services/integrations/check-integration";
import { storedMessage } from "@/lib/services/integrations/check-integration";
import type { appsOfRepository } from "./apps-of-repository";
import { matchesTagPattern } from "./tag-pattern";

export type AutoDeployOutcome = { deployed: number; failures: StoredMessage[]; retry: boolean };

type Push = { id: string; registryId: string; tag: string; digest: string; operator: string | null };

// What may succeed if tried again later: a release already running here, a registry down.
function retryable(error: unknown): boolean {
  return !(error instanceof AppError) || error.code === "conflict" || error.code === "unavailable";
}

// A push deploys itself to every auto-deploy environment fed by its registry, for each app of
// its repository whose auto-deploy pattern matches the tag, as the actor "harbor" naming the
// pusher. The auto_deploys row commits with the release it names, keyed by (push, app,
// environment): a redelivered or retried push starts no second release.
export async function autoDeploy(
  push: Push,
  apps: Awaited<ReturnType<typeof appsOfRepository>>,
): Promise<AutoDeployOutcome> {
  const environments = await db.environment.findMany({
    where: { registryId: push.registryId, autoDeploy: true, protected: false },
    orderBy: { position: "asc" },
    select: { id: true, name: true },
  });
  const registry = await db.registry.findUniqueOrThrow({ where: { id: push.registryId }, select: { name: true } });
  const done = await db.autoDeploy.findMany({
    where: { eventId: push.id },
    select: { appId: true, environmentId: true },
  });
  const outcome: AutoDeployOutcome = { deployed: 0, failures: [], retry: false };
  for (const app of apps.filter((candidate) => matchesTagPattern(candidate.autoDeployPattern, push.tag)))
    for (const environment of environments) {
      if (done.some((row) => row.appId === app.id && row.environmentId === environment.id)) continue;
      try {
        await deployRelease(
          { system: "harbor" },
          {
            appId: app.id,
            environmentId: environment.id,
            tag: push.tag,
            digest: push.digest,
            description: "",
            takeOver: false,
          },
          { requestId: `harbor-event:${push.id}`, ip: null },
          {
            trigger: "auto-deploy",
            actorLabel: "harbor",
            auditDetails: { pushedBy: push.operator, event: push.id },
            alsoInTransaction: async (tx, release) => {
              await tx.autoDeploy.create({
                data: {
                  eventId: push.id,
                  appId: app.id,
                  environmentId: environment.id,
                  releaseId: release.id,
                  pushedBy: push.operator,
                  registryName: registry.name,
                  tag: push.tag,
                },
              });
            },
          },
        );
        outcome.deployed++;
      } catch (error) {
        // Another process started this very release meanwhile.
        if (isUniqueViolation(error)) continue;
        if (retryable(error)) outcome.retry = true;
        else outcome.failures.push(storedMessage(error));
      }
    }
  return outcome;
}
