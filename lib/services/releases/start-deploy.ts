import "server-only";
import type { Actor } from "@/lib/audit/write-audit";
import type { Tx } from "@/lib/db";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import type { RequestContext } from "@/lib/request-context";
import { timed } from "@/lib/server-timing";
import type { ReleaseHooks } from "./apply-release";
import { openRelease } from "./release-store";
import type { renderDeploy } from "./render-deploy";
import { startRelease, type StartedRelease } from "./start-release";

export type DeployStart = {
  rendered: Awaited<ReturnType<typeof renderDeploy>>;
  actor: Actor;
  actorLabel: string;
  trigger: "user" | "approval" | "auto-deploy";
  approvedByLabel?: string;
  description: string;
  descriptionMessage?: StoredMessage;
  takeOver: boolean;
  context?: RequestContext;
  // More facts for the audit row (a push's pusher, say).
  auditDetails?: Record<string, unknown>;
  alsoInTransaction?: (tx: Tx, release: { id: string; number: number }) => Promise<void>;
  hooks?: ReleaseHooks;
};

// Opens a deploy release (lock, release, audit row) for objects already rendered and starts it:
// a person's deploy, or an approved request's.
export async function startDeploy(start: DeployStart): Promise<StartedRelease> {
  const { target, image, digest, objects, parameters } = start.rendered;
  const release = await timed("open", () =>
    openRelease({
      appId: target.app.id,
      environmentId: target.environment.id,
      kind: "deploy",
      image,
      imageDigest: digest,
      parameters,
      objects,
      description: start.description,
      ...(start.descriptionMessage ? { descriptionMessage: start.descriptionMessage } : {}),
      actor: start.actor,
      actorLabel: start.actorLabel,
      trigger: start.trigger,
      ...(start.approvedByLabel ? { approvedByLabel: start.approvedByLabel } : {}),
      takeOver: start.takeOver,
      ...(start.alsoInTransaction ? { alsoInTransaction: start.alsoInTransaction } : {}),
      audit: {
        action: "release.deploy",
        label: `${target.app.team.name}/${target.app.name} ${target.environment.name}`,
        after: { image, digest, takeOver: start.takeOver, description: start.description, ...start.auditDetails },
        ...(start.context ? { context: start.context } : {}),
      },
    }),
  );
  return timed("apply", () =>
    startRelease({ ...release, app: target.app, environment: target.environment }, objects, start.hooks),
  );
}
