import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { db } from "@/lib/db";
import { CanaryError, canaryRouting, type KubeObject } from "@/lib/canary/canary-objects";
import { settingsOf } from "./canary-state";

// A stable release while a canary's rule is on keeps the rule (issue 14): the HTTPRoute it sends
// carries the canary's rules as the canary's own releases left them. The stored manifest stays
// the stable app's own, so a rollback to it after the canary has gone brings no rule back. On
// ingress-nginx the canary's rule is its own Ingress, which stable releases do not touch.
export async function withCanaryRule(
  release: { appId: string; environmentId: string; app: { name: string } },
  objects: KubernetesObject[],
): Promise<KubernetesObject[]> {
  const canary = await db.canary.findUnique({
    where: { appId_environmentId: { appId: release.appId, environmentId: release.environmentId } },
  });
  if (!canary?.enabled) return objects;
  let routed: KubeObject | undefined;
  try {
    routed = canaryRouting(objects as KubeObject[], release.app.name, settingsOf(canary), "on").apply.find(
      (object) => object.kind === "HTTPRoute",
    );
  } catch (error) {
    // The new objects have no route any more: nothing to keep the rule in.
    if (error instanceof CanaryError) return objects;
    throw error;
  }
  if (!routed) return objects;
  return objects.map((object) =>
    object.kind === "HTTPRoute" && object.metadata?.name === release.app.name ? (routed as KubernetesObject) : object,
  );
}
