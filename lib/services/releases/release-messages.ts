// Everything a release writes for people (timeline entries, errors, kubectl's change-cause), in
// one place: the English text (API clients; kubectl's change-cause stays English) and the same as
// a stored message, which the console renders in the reader's language. Descriptions are in
// release-descriptions.ts.
import { readLegacyLine } from "@/lib/i18n/legacy-release-text";
import { message, messageLines, type StoredMessage } from "@/lib/i18n/stored-message";
import type { ApplyStep } from "@/lib/kube/apply-objects";

type Operation = { replicas: number } | { autoscaling: { min: number; max: number } } | { restartedAt: string };

export function changeCause(release: {
  number: number;
  kind: string;
  image: string | null;
  actorLabel: string;
  description: string;
}): string {
  const what = release.image ? ` ${release.image}` : "";
  const note = release.description ? `: ${release.description}` : "";
  return `Slipway #${release.number} ${release.kind}${what} by ${release.actorLabel}${note}`;
}

// A timeline entry: the English text (API clients) and the same as a stored message.
export type EngineEntry = { message: string; messageData: StoredMessage };

export function describeOperation(operation: Operation): EngineEntry {
  if ("replicas" in operation)
    return {
      message: `Scaled to ${operation.replicas} replicas`,
      messageData: message("releaseText.scaled", { replicas: operation.replicas }),
    };
  if ("autoscaling" in operation) {
    const { min, max } = operation.autoscaling;
    return {
      message: `Autoscaling set to ${min}-${max} replicas`,
      messageData: message("releaseText.autoscalingSet", { min, max }),
    };
  }
  return {
    message: `Restart requested at ${operation.restartedAt}`,
    messageData: message("releaseText.restartRequested", { at: { at: operation.restartedAt } }),
  };
}

export function objectsApplied(count: number): EngineEntry {
  return { message: `${count} objects applied`, messageData: message("releaseText.objectsApplied", { count }) };
}

export function namespaceCreated(namespace: string): EngineEntry {
  return {
    message: `Namespace ${namespace} created`,
    messageData: message("releaseText.namespaceCreated", { namespace }),
  };
}

export function objectDeleted(ref: { kind: string; name: string }): EngineEntry {
  return {
    message: `${ref.kind} ${ref.name} is no longer part of the app and was deleted`,
    messageData: message("releaseText.deleted", { object: `${ref.kind}/${ref.name}` }),
  };
}

export const rolloutComplete: EngineEntry = {
  message: "Rollout complete",
  messageData: message("releaseText.rolloutComplete"),
};

export const applyResumed: EngineEntry = {
  message: "The Slipway process applying this release stopped; another one applies it again.",
  messageData: message("releaseText.applyResumed"),
};

// An error lib/kube/errors.ts wrote ("<environment>: …") as its message; what Kubernetes said
// inside it stays data, and a shape no rule knows is kept as written.
export function kubeErrorMessage(text: string): StoredMessage {
  return readLegacyLine(text) ?? message("releaseText.verbatim", { text });
}

const list = (steps: ApplyStep[]) => steps.map((step) => `${step.kind}/${step.name}`).join(", ");

// What a release that stopped part-way left in the cluster: which objects went out, which did
// not, and whether the running pods changed.
function applyState(steps: ApplyStep[]) {
  const applied = steps.filter((step) => step.action === "applied");
  return {
    applied,
    missing: steps.filter((step) => step.action === "failed" || step.action === "not_reached"),
    total: steps.filter((step) => step.action !== "deleted").length,
    workloadApplied: applied.some((step) => step.kind === "Deployment" || step.kind === "StatefulSet"),
  };
}

// The error as English text (the release's `error` column, read by API clients and old pages).
export function failedApply(cause: string, steps: ApplyStep[], operation: boolean): string {
  if (operation) return cause;
  const { applied, missing, total, workloadApplied } = applyState(steps);
  const lines = [cause];
  if (applied.length === 0) lines.push("Nothing was applied: the cluster is as it was before this release.");
  else {
    lines.push(`Applied ${applied.length} of ${total} objects: ${list(applied)}.`);
    if (missing.length > 0) lines.push(`Not applied: ${list(missing)}.`);
    lines.push(
      workloadApplied
        ? "The pods roll to the new version where the Deployment was applied."
        : "The running pods were not changed; deploy again (or roll back) to bring the objects in line.",
    );
  }
  return lines.join("\n");
}

// The same error as a stored message, rendered in each reader's language. The cause is what
// lib/kube/errors.ts wrote ("<environment>: …"), read into its message; what Kubernetes said
// inside it stays data.
export function failedApplyMessage(cause: string, steps: ApplyStep[], operation: boolean): StoredMessage {
  const causeMessage = kubeErrorMessage(cause);
  if (operation) return causeMessage;
  const { applied, missing, total, workloadApplied } = applyState(steps);
  const lines: [StoredMessage, ...StoredMessage[]] = [causeMessage];
  if (applied.length === 0) lines.push(message("releaseText.nothingApplied"));
  else {
    lines.push(message("releaseText.appliedOfList", { applied: applied.length, total, objects: list(applied) }));
    if (missing.length > 0) lines.push(message("releaseText.notApplied", { objects: list(missing) }));
    lines.push(message(workloadApplied ? "releaseText.podsRoll" : "releaseText.podsUnchanged"));
  }
  return messageLines(lines);
}
