import "server-only";
import type { KubeClient } from "./client";
import { toKubeError } from "./errors";

// What Slipway must be allowed to do in an environment's namespaces to deploy there.
export const REQUIRED_ACCESS = [
  { group: "apps", resource: "deployments" },
  { group: "", resource: "services" },
  { group: "networking.k8s.io", resource: "ingresses" },
].flatMap((r) => (["create", "patch"] as const).map((verb) => ({ ...r, verb })));

export type AccessCheck = { group: string; resource: string; verb: string; allowed: boolean; reason?: string };

export type ConnectionCheck = {
  ok: boolean;
  serverVersion: string | null;
  namespace: string;
  access: AccessCheck[];
  error: string | null;
};

// Server version, then one SelfSubjectAccessReview per required (resource, verb) in the
// namespace: the answer to "can Slipway deploy there?", as the cluster's RBAC sees it.
export async function checkConnection(client: KubeClient, namespace: string): Promise<ConnectionCheck> {
  try {
    const version = await client.call((c) => c.version.getCode());
    const access = await Promise.all(
      REQUIRED_ACCESS.map(async (required) => {
        const review = await client.call((c) =>
          c.authorization.createSelfSubjectAccessReview({
            body: {
              apiVersion: "authorization.k8s.io/v1",
              kind: "SelfSubjectAccessReview",
              spec: {
                resourceAttributes: {
                  namespace,
                  verb: required.verb,
                  group: required.group,
                  resource: required.resource,
                },
              },
            },
          }),
        );
        return { ...required, allowed: review.status?.allowed === true, reason: review.status?.reason || undefined };
      }),
    );
    return { ok: access.every((a) => a.allowed), serverVersion: version.gitVersion, namespace, access, error: null };
  } catch (error) {
    return {
      ok: false,
      serverVersion: null,
      namespace,
      access: [],
      error: toKubeError(error, client.environment).message,
    };
  }
}
