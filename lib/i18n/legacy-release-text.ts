import type { MessageKey } from "./locales";
import { message, type MessageValue, type StoredMessage } from "./stored-message";

// Releases written before the engine stored message keys carry English text: descriptions
// ("Roll back to #19"), timeline entries ("deploy #5 by …") and errors ("dev: forbidden: …").
// Each line the engine is known to have written is read back into its message key, so old rows
// read in the reader's language too; what came from Kubernetes inside them stays as it was
// (data). A line no pattern knows is shown as written. New rows carry their message
// (release-messages.ts, release-descriptions.ts) and never come here. Errors of
// lib/kube/errors.ts are still text when they are raised; kubeErrorMessage reads them here.

type Rule = [RegExp, (match: RegExpExecArray) => StoredMessage];

const KINDS = new Set(["deploy", "rollback", "scale", "restart"]);
const kind = (value: string): MessageValue =>
  KINDS.has(value) ? message(`releases.kind.${value}` as MessageKey) : value;

const TLS: Record<string, MessageKey> = {
  "the cluster's certificate has expired": "releaseText.tls.expired",
  "the cluster's certificate is self-signed and not trusted by the kubeconfig's CA": "releaseText.tls.selfSigned",
  "the cluster's certificate is not signed by the kubeconfig's CA": "releaseText.tls.untrusted",
  "the cluster's certificate is not valid for this server address": "releaseText.tls.wrongHost",
  "the cluster's certificate is not valid yet": "releaseText.tls.notYetValid",
};

// A list of clauses as one message: "a; b; c".
function joined(items: StoredMessage[]): StoredMessage {
  return items.reduce((first, second) => message("releaseText.both", { first, second }));
}

function conflicts(env: string, text: string): StoredMessage | null {
  const items = text.split("; ").map((item) => /^(\S+) (\S+) is managed by "([^"]+)"$/.exec(item));
  if (items.length === 0 || items.some((item) => !item)) return null;
  const clauses = items.map((item) =>
    message("releaseText.conflict", { object: item![1]!, field: item![2]!, manager: item![3]! }),
  );
  return message("releaseText.conflicts", { env, conflicts: joined(clauses) });
}

// Errors are "<environment>: <what>" (lib/kube/errors.ts).
function kubeError(env: string, rest: string): StoredMessage {
  const managed = /^(.*)\. Take over to overwrite\.$/.exec(rest);
  const conflict = managed ? conflicts(env, managed[1]!) : null;
  if (conflict) return conflict;
  let m: RegExpExecArray | null;
  if ((m = /^the cluster rejected Slipway's credentials \(401\): ([\s\S]*)$/.exec(rest)))
    return message("releaseText.error.unauthorized", { env, detail: m[1]! });
  if ((m = /^forbidden: ([\s\S]*)$/.exec(rest))) return message("releaseText.error.forbidden", { env, detail: m[1]! });
  if ((m = /^not found: ([\s\S]*)$/.exec(rest))) return message("releaseText.error.notFound", { env, detail: m[1]! });
  if ((m = /^conflict: ([\s\S]*)$/.exec(rest))) return message("releaseText.error.conflict", { env, detail: m[1]! });
  if ((m = /^invalid: ([\s\S]*)$/.exec(rest))) return message("releaseText.error.invalid", { env, detail: m[1]! });
  if ((m = /^the cluster answered (\d+): ([\s\S]*)$/.exec(rest)))
    return message("releaseText.error.answered", { env, status: Number(m[1]), detail: m[2]! });
  if ((m = /^cluster unreachable \(no answer within (\d+(?:\.\d+)?)s\)$/.exec(rest)))
    return message("releaseText.error.noAnswer", { env, seconds: Number(m[1]) });
  if ((m = /^cluster unreachable \(([A-Z_]+)\)$/.exec(rest)))
    return message("releaseText.error.unreachable", { env, code: m[1]! });
  if (rest === "cluster unreachable") return message("releaseText.error.unreachablePlain", { env });
  if ((m = /^(.+) \(([A-Z_]+)\)$/.exec(rest)) && TLS[m[1]!])
    return message("releaseText.error.tls", { env, problem: message(TLS[m[1]!]!), code: m[2]! });
  // 422 with a field: "<env>: spec.replicas: Invalid value: …" (Kubernetes' own words).
  if ((m = /^([a-zA-Z][\w.[\]-]*): ([\s\S]*)$/.exec(rest)) && m[1]!.includes("."))
    return message("releaseText.error.invalidField", { env, field: m[1]!, detail: m[2]! });
  return message("releaseText.error.other", { env, detail: rest });
}

// What the engine put into a release's description (a person's own words are left alone).
const DESCRIPTION_RULES: Rule[] = [
  [/^Roll back to #(\d+)$/, (m) => message("releaseText.rollbackTo", { number: Number(m[1]) })],
  [
    /^Automatic rollback to #(\d+) after #(\d+) failed$/,
    (m) => message("releaseText.autoRollback", { to: Number(m[1]), failed: Number(m[2]) }),
  ],
  [/^Scale to (\d+)$/, (m) => message("releaseText.scaleTo", { replicas: Number(m[1]) })],
  [/^Autoscale (\d+)-(\d+)$/, (m) => message("releaseText.autoscale", { min: Number(m[1]), max: Number(m[2]) })],
  [/^Restart$/, () => message("releaseText.restart")],
  [
    /^Roll back to #(\d+) after alert (.+)$/,
    (m) => message("releaseText.rollbackAfterAlert", { number: Number(m[1]), alert: m[2]! }),
  ],
  [/^Canary on$/, () => message("releaseText.canaryOn")],
  [/^Canary off$/, () => message("releaseText.canaryOff")],
  [/^Canary aborted$/, () => message("releaseText.canaryAborted")],
  [/^Promote canary (\S+)$/, (m) => message("releaseText.canaryPromote", { image: m[1]! })],
  [/^Promoted by release #(\d+)$/, (m) => message("releaseText.canaryPromoted", { number: Number(m[1]) })],
  [/^Canary (\S+)$/, (m) => message("releaseText.canaryStart", { image: m[1]! })],
];

const RULES: Rule[] = [
  ...DESCRIPTION_RULES,
  [/^(\d+) objects applied$/, (m) => message("releaseText.objectsApplied", { count: Number(m[1]) })],
  [/^Scaled to (\d+) replicas$/, (m) => message("releaseText.scaled", { replicas: Number(m[1]) })],
  [
    /^Autoscaling set to (\d+)-(\d+) replicas$/,
    (m) => message("releaseText.autoscalingSet", { min: Number(m[1]), max: Number(m[2]) }),
  ],
  [/^Restart requested at (\S+)$/, (m) => message("releaseText.restartRequested", { at: { at: m[1]! } })],
  [/^Namespace (\S+) created$/, (m) => message("releaseText.namespaceCreated", { namespace: m[1]! })],
  [
    /^(\S+) (\S+) is no longer part of the app and was deleted$/,
    (m) => message("releaseText.deleted", { object: `${m[1]}/${m[2]}` }),
  ],
  [/^Rollout complete$/, () => message("releaseText.rolloutComplete")],
  [
    /^Another pod template was rolled out during this release(?: by "([^"]+)")?(?: \(the Deployment is now at revision (\d+)\))?$/,
    (m) => {
      const text = m[1] ? message("releaseText.supersededBy", { manager: m[1] }) : message("releaseText.superseded");
      return m[2] ? message("releaseText.atRevision", { text, revision: Number(m[2]) }) : text;
    },
  ],
  [
    /^The rollout did not finish within (\d+) s$/,
    (m) => message("releaseText.rolloutTimeout", { seconds: Number(m[1]) }),
  ],
  [/^Deployment (\S+) was deleted$/, (m) => message("releaseText.deploymentDeleted", { name: m[1]! })],
  [
    /^Progress deadline \((\d+) s\) exceeded:? ?(.*)$/,
    (m) => message("releaseText.deadlineExceeded", { seconds: Number(m[1]), detail: m[2] ?? "" }),
  ],
  [
    /^Applied (\d+) of (\d+) objects\.$/,
    (m) => message("releaseText.appliedOf", { applied: Number(m[1]), total: Number(m[2]) }),
  ],
  [
    /^Applied (\d+) of (\d+) objects: (.+)\.$/,
    (m) => message("releaseText.appliedOfList", { applied: Number(m[1]), total: Number(m[2]), objects: m[3]! }),
  ],
  [
    /^(\S+) (\S+) is managed by "([^"]+)"$/,
    (m) => message("releaseText.conflict", { object: m[1]!, field: m[2]!, manager: m[3]! }),
  ],
  [/^Not applied: (.+)\.$/, (m) => message("releaseText.notApplied", { objects: m[1]! })],
  [
    /^Nothing was applied: the cluster is as it was before this release\.$/,
    () => message("releaseText.nothingApplied"),
  ],
  [/^The pods roll to the new version where the Deployment was applied\.$/, () => message("releaseText.podsRoll")],
  [
    /^The running pods were not changed; deploy again \(or roll back\) to bring the objects in line\.$/,
    () => message("releaseText.podsUnchanged"),
  ],
  [
    /^The Slipway process applying this release stopped; another one applies it again\.$/,
    () => message("releaseText.applyResumed"),
  ],
  // A pod that was not ready when the rollout failed: kubectl's status and the reason.
  [
    /^([a-z0-9][a-z0-9.-]*): (\S+) \((.+)\)$/,
    (m) => message("releaseText.podStateWhy", { pod: m[1]!, phase: m[2]!, reason: m[3]! }),
  ],
  [
    /^([a-z0-9][a-z0-9.-]*): ([A-Z][A-Za-z:0-9/]*)$/,
    (m) => message("releaseText.podState", { pod: m[1]!, phase: m[2]! }),
  ],
  // "deploy #5 by ana@example.com: what changes" (the first timeline entry).
  [
    /^(deploy|rollback|scale|restart) #(\d+) by (\S+?)(?:: (.*))?$/,
    (m) => {
      const values = { kind: kind(m[1]!), number: Number(m[2]), actor: m[3]! };
      return m[4] === undefined
        ? message("releaseText.created", values)
        : message("releaseText.createdWith", { ...values, description: readLegacyDescription(m[4]) ?? m[4] });
    },
  ],
  // Kubernetes errors: "<environment>: …"; environment names are DNS labels.
  [/^([a-z0-9][a-z0-9-]{0,62}): ([\s\S]+)$/, (m) => kubeError(m[1]!, m[2]!)],
];

function read(rules: Rule[], line: string): StoredMessage | null {
  for (const [pattern, build] of rules) {
    const match = pattern.exec(line);
    if (match) return build(match);
  }
  return null;
}

/** A release description the engine wrote, as its message; null for a person's words. */
export function readLegacyDescription(text: string): StoredMessage | null {
  return read(DESCRIPTION_RULES, text);
}

/** One line of a timeline entry or an error the engine wrote; null when no rule knows it. */
export function readLegacyLine(line: string): StoredMessage | null {
  return read(RULES, line);
}

/** Text the engine wrote, line by line: a message where a rule knows the line, else the line. */
export function readLegacyText(text: string): (StoredMessage | string)[] {
  return text.split("\n").map((line) => readLegacyLine(line) ?? line);
}
