import "server-only";
import { keyedDigest } from "@/lib/crypto/keys";

export const MASK = "••••••";

// Keys whose values are credentials wherever they appear (audit before/after, settings).
const CREDENTIAL_KEYS = /pass(word)?|secret|token|kubeconfig|private.?key|credential/i;

export type MaskOptions = {
  // Secret parameters of the app's template: their values are masked, their keys kept.
  secretParameters?: readonly string[];
  // Also mask the values of keys that name a credential (password, token, kubeconfig...): for
  // records of settings and audit rows, not for Kubernetes objects, whose `secretRef` or
  // `secretName` name a Secret and hold no secret.
  credentialKeys?: boolean;
  // "•••••• 1a2b3c4d" instead of the bare mask: a keyed digest (no guess can be tested against
  // it) that still shows in a diff whether a value changed.
  fingerprint?: boolean;
};

function maskLeaves(value: unknown, leaf: (value: unknown) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => maskLeaves(item, leaf));
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskLeaves(inner, leaf)]));
  return leaf(value);
}

function isSecretObject(value: Record<string, unknown>): boolean {
  return value.kind === "Secret" && (value.apiVersion === undefined || value.apiVersion === "v1");
}

// `kubectl apply` leaves the whole object, values included, in this annotation of a live Secret.
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function maskAnnotations(metadata: unknown): unknown {
  const annotations = (metadata as { annotations?: Record<string, unknown> } | null)?.annotations;
  if (!annotations || !(LAST_APPLIED in annotations)) return metadata;
  return { ...(metadata as object), annotations: { ...annotations, [LAST_APPLIED]: MASK } };
}

// The one way a secret value becomes what a person sees, used by every output for people: the
// rendered objects of the app page, deploy and upgrade previews and their diffs, the release
// page, audit rows. It masks the values (never the keys) of Kubernetes Secrets' `data` and
// `stringData` and of the template's secret parameters, at any depth, and with
// `credentialKeys` of keys that name a credential. Everything else is returned as it is.
export function maskSecrets<T>(subject: T, options: MaskOptions = {}): T {
  const secretParameters = new Set(options.secretParameters ?? []);
  const leaf = (base64: boolean) => (value: unknown) => {
    if (!options.fingerprint || typeof value !== "string") return MASK;
    const plain = base64 ? Buffer.from(value, "base64").toString("utf8") : value;
    return `${MASK} ${keyedDigest(plain, "mask").slice(0, 8)}`;
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== "object" || value instanceof Date) return value;
    const object = value as Record<string, unknown>;
    const secret = isSecretObject(object);
    return Object.fromEntries(
      Object.entries(object).map(([key, inner]) => {
        if (secret && (key === "data" || key === "stringData")) return [key, maskLeaves(inner, leaf(key === "data"))];
        if (secret && key === "metadata") return [key, maskAnnotations(inner)];
        if (secretParameters.has(key) || (options.credentialKeys && CREDENTIAL_KEYS.test(key)))
          return [key, maskLeaves(inner, leaf(false))];
        return [key, walk(inner)];
      }),
    );
  };
  return walk(subject) as T;
}
