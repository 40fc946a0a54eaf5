// What Slipway writes into a release's (or a request's) description when it opens one itself:
// the English text (API clients, kubectl's change-cause) and the same as a stored message, which
// the console renders in the reader's language. A person's own words have no message.
import { message, type StoredMessage } from "@/lib/i18n/stored-message";

export type Described = { description: string; descriptionMessage?: StoredMessage };
type Written = Required<Described>;

export function rollbackDescription(number: number): Written {
  return { description: `Roll back to #${number}`, descriptionMessage: message("releaseText.rollbackTo", { number }) };
}

export function autoRollbackDescription(to: number, failed: number): Written {
  return {
    description: `Automatic rollback to #${to} after #${failed} failed`,
    descriptionMessage: message("releaseText.autoRollback", { to, failed }),
  };
}

export function alertRollbackDescription(number: number, alert: string): Written {
  return {
    description: `Roll back to #${number} after alert ${alert}`,
    descriptionMessage: message("releaseText.rollbackAfterAlert", { number, alert }),
  };
}

export function scaleDescription(operation: { replicas: number } | { autoscaling: { min: number; max: number } }) {
  if ("replicas" in operation)
    return {
      description: `Scale to ${operation.replicas}`,
      descriptionMessage: message("releaseText.scaleTo", { replicas: operation.replicas }),
    } satisfies Written;
  const { min, max } = operation.autoscaling;
  return {
    description: `Autoscale ${min}-${max}`,
    descriptionMessage: message("releaseText.autoscale", { min, max }),
  } satisfies Written;
}

export const restartDescription: Written = {
  description: "Restart",
  descriptionMessage: message("releaseText.restart"),
};

export function canaryStartDescription(image: string): Written {
  return { description: `Canary ${image}`, descriptionMessage: message("releaseText.canaryStart", { image }) };
}

export function canarySwitchDescription(enabled: boolean): Written {
  return enabled
    ? { description: "Canary on", descriptionMessage: message("releaseText.canaryOn") }
    : { description: "Canary off", descriptionMessage: message("releaseText.canaryOff") };
}

export const canaryAbortDescription: Written = {
  description: "Canary aborted",
  descriptionMessage: message("releaseText.canaryAborted"),
};

export function canaryPromoteDescription(image: string): Written {
  return {
    description: `Promote canary ${image}`,
    descriptionMessage: message("releaseText.canaryPromote", { image }),
  };
}

export function canaryPromotedDescription(number: number): Written {
  return {
    description: `Promoted by release #${number}`,
    descriptionMessage: message("releaseText.canaryPromoted", { number }),
  };
}
