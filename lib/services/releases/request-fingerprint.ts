import "server-only";
import { keyedDigest } from "@/lib/crypto/keys";
import { canonicalJson } from "@/lib/diff/canonical-json";
import type { loadAppEnvironment } from "@/lib/services/apps/app-settings";

export type RequestFingerprint = { parametersHash: string; templateVersionId: string };

// What a deploy request was rendered from: a keyed hash of the environment's parameters (secret
// values included, so a changed secret counts; image parameters left out, they follow the
// request's own tag) and the app's template version. A request whose fingerprint no longer
// matches the app's is stale.
export function requestFingerprint(target: Awaited<ReturnType<typeof loadAppEnvironment>>): RequestFingerprint {
  const values = Object.fromEntries(
    Object.entries(target.values).filter(([name]) => !target.imageParameters.includes(name)),
  );
  return {
    parametersHash: keyedDigest(canonicalJson(values), "request-parameters"),
    templateVersionId: target.app.templateVersionId,
  };
}
