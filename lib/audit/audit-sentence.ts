import { isMessageKey, translator, type MessageKey } from "@/lib/i18n/locales";
import { message, type MessageValue, type StoredMessage } from "@/lib/i18n/stored-message";

// One audit row as a sentence a person reads ("ana deployed web:1.4 to shop/web in prod"),
// built from the row's action, names and values; rendered in the reader's language. A new
// audit action adds its sentence to lib/i18n/messages/audit.ts and, when it needs values from
// the row, a case below; without one it still reads "<who>: <action> <what>".
export type AuditFacts = {
  action: string;
  actorLabel: string;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  app: { team: string; name: string } | null;
  environment: { name: string } | null;
};

const SYSTEM_ACTORS = new Set(["bootstrap", "auto-rollback", "anonymous"]);

/** Who did it: a person by their email, or a part of Slipway by what it is. */
export function auditActor(label: string): MessageValue {
  if (!label.startsWith("system:")) return label;
  const name = label.slice("system:".length);
  return SYSTEM_ACTORS.has(name)
    ? message(`audit.system.${name}` as MessageKey)
    : message("audit.system.other", { name });
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}

const text = (value: unknown): string => (value === undefined || value === null ? "" : String(value));

function role(value: unknown): MessageValue {
  const key = `role.${text(value)}`;
  return isMessageKey(key) ? message(key) : text(value);
}

export function auditSentence(row: AuditFacts): StoredMessage {
  const actor = auditActor(row.actorLabel);
  const target = row.targetLabel ?? "";
  const app = row.app ? `${row.app.team}/${row.app.name}` : target;
  const env = row.environment?.name ?? "";
  const after = row.after;
  const before = row.before;
  const number = text(field(after, "number"));
  const key = `audit.sentence.${row.action}`;
  switch (row.action) {
    case "user.create":
      return message("audit.sentence.user.create", { actor, target, role: role(field(after, "role")) });
    case "user.set_locale": {
      // A language is named in its own script (简体中文, English) for every reader: data.
      const locale = `locale.${text(field(after, "locale"))}`;
      return message("audit.sentence.user.set_locale", {
        actor,
        locale: isMessageKey(locale) ? translator("en")(locale) : text(field(after, "locale")),
      });
    }
    case "user.set_time_zone":
      return message("audit.sentence.user.set_time_zone", {
        actor,
        zone: text(field(after, "timeZone")) || message("time.zoneBrowser"),
      });
    case "team.add_member":
    case "team.remove_member":
      return message(key as MessageKey, { actor, target, user: text(field(after, "user")) });
    case "app.create":
      return message("audit.sentence.app.create", { actor, app });
    case "app.set_parameters":
      return env
        ? message("audit.sentence.app.set_parameters", { actor, app, env })
        : message("audit.sentence.app.set_parameters.noEnv", { actor, app });
    case "app.upgrade_template":
      return message("audit.sentence.app.upgrade_template", {
        actor,
        app,
        version: text(field(after, "templateVersion")),
      });
    case "release.deploy":
      return message("audit.sentence.release.deploy", { actor, app, env, number, image: text(field(after, "image")) });
    case "release.rollback":
      return field(after, "automatic") === true
        ? message("audit.sentence.release.autoRollback", {
            actor,
            app,
            env,
            number,
            to: text(field(after, "to")),
            failed: text(field(after, "after")),
          })
        : message("audit.sentence.release.rollback", { actor, app, env, number, to: text(field(after, "to")) });
    case "release.scale": {
      const autoscaling = field(after, "autoscaling");
      return autoscaling
        ? message("audit.sentence.release.autoscale", {
            actor,
            app,
            env,
            number,
            min: text(field(autoscaling, "min")),
            max: text(field(autoscaling, "max")),
          })
        : message("audit.sentence.release.scale", {
            actor,
            app,
            env,
            number,
            replicas: text(field(after, "replicas")),
          });
    }
    case "release.restart":
      return message("audit.sentence.release.restart", { actor, app, env, number });
    case "release.request":
      return message("audit.sentence.release.request", { actor, app, env, tag: text(field(after, "tag")) });
    // Canary releases (issue 14).
    case "release.canary-start":
    case "release.canary-switch":
    case "release.canary-promote":
    case "release.canary-abort":
      return message(key as MessageKey, {
        actor,
        app,
        env,
        number,
        image: text(field(after, "image")),
        header: `${text(field(after, "headerName"))}: ${text(field(after, "headerValue"))}`,
        state: field(after, "state") === "on" ? message("canary.on") : message("canary.off"),
      });
    case "release.approve":
    case "release.reject":
      return message(key as MessageKey, {
        actor,
        app,
        env,
        tag: text(field(before, "tag")),
        requester: text(field(before, "requestedBy")),
      });
    default:
      return isMessageKey(key)
        ? message(key, { actor, target })
        : message("audit.sentence.generic", { actor, action: row.action, target });
  }
}
