import "server-only";
import type { Actor } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";
import { loadManifest } from "./manifest-store";
import type { Described } from "./release-descriptions";
import type { RunnableRelease } from "./release-objects";
import { openRelease } from "./release-store";

// A new release of kind rollback carrying the target's stored objects and parameters.
export async function openRollback(
  target: RunnableRelease,
  who: Described & {
    actor: Actor;
    actorLabel: string;
    trigger: "user" | "auto-rollback";
    audit: Record<string, unknown>;
    context?: RequestContext;
  },
) {
  const objects = await loadManifest(target.manifestHash);
  const release = await openRelease({
    appId: target.appId,
    environmentId: target.environmentId,
    kind: "rollback",
    image: target.image,
    imageDigest: target.imageDigest,
    parameters: target.parameters as Record<string, unknown>,
    objects,
    description: who.description,
    ...(who.descriptionMessage ? { descriptionMessage: who.descriptionMessage } : {}),
    actor: who.actor,
    actorLabel: who.actorLabel,
    trigger: who.trigger,
    rollbackOfId: target.id,
    audit: {
      action: "release.rollback",
      label: `${target.app.team.name}/${target.app.name} ${target.environment.name}`,
      after: who.audit,
      ...(who.context ? { context: who.context } : {}),
    },
  });
  return { release: { ...release, app: target.app, environment: target.environment }, objects };
}
