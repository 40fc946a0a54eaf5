import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import type { Tx } from "@/lib/db";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import type { RequestContext } from "@/lib/request-context";
import type { DeployInput } from "@/lib/validations/release";
import type { ReleaseHooks } from "./apply-release";
import { releaseAccess } from "./release-access";
import { renderDeploy } from "./render-deploy";
import { requestDeploy } from "./request-deploy";
import { startDeploy } from "./start-deploy";
import type { StartedRelease } from "./start-release";

export type DeployResult = StartedRelease | { kind: "request"; requestId: string };

export type DeployOptions = {
  // A system actor (a Harbor push, issue 13) deploys only with a trigger, whose caller has
  // decided that it may.
  trigger?: "auto-deploy";
  actorLabel?: string;
  // More facts for the audit row (a push's pusher, say).
  auditDetails?: Record<string, unknown>;
  // The description as a stored message, when Slipway wrote it (release-descriptions.ts).
  descriptionMessage?: StoredMessage;
  alsoInTransaction?: (tx: Tx, release: { id: string; number: number }) => Promise<void>;
  hooks?: ReleaseHooks;
};

// Deploy: role and team checked, input validated, objects rendered; then the release is opened
// (lock + release + audit), applied with server-side apply while the caller waits, and its
// rollout followed in the background. A developer's deploy to a protected environment becomes a
// request for approval instead.
export async function deployRelease(
  actor: CurrentUser | { system: string },
  input: DeployInput,
  context: RequestContext,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const person = "system" in actor ? null : actor;
  if (!person && !options.trigger) throw new Error("a system actor deploys only with a trigger");
  const rendered = await renderDeploy(input.appId, input.environmentId, input.tag, input.digest);
  const { target, digest } = rendered;
  if (
    person &&
    !options.trigger &&
    releaseAccess(person, target.app.teamId, target.environment, "deploy") === "request"
  )
    return {
      kind: "request",
      requestId: await requestDeploy(
        person,
        { ...input, ...(digest ? { digest } : {}) },
        rendered,
        context,
        options.descriptionMessage,
      ),
    };
  return startDeploy({
    rendered,
    actor: person ? { id: person.id, email: person.email } : { system: (actor as { system: string }).system },
    actorLabel: options.actorLabel ?? (person ? person.email : (actor as { system: string }).system),
    trigger: options.trigger ?? "user",
    description: input.description,
    ...(options.descriptionMessage ? { descriptionMessage: options.descriptionMessage } : {}),
    takeOver: input.takeOver,
    context,
    ...(options.auditDetails ? { auditDetails: options.auditDetails } : {}),
    ...(options.alsoInTransaction ? { alsoInTransaction: options.alsoInTransaction } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
}
