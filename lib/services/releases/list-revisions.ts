import "server-only";
import { db } from "@/lib/db";
import type { KubeRevision } from "@/lib/kube/revisions";
import { renderNamespace } from "@/lib/services/environments/environment-view";
import { INSTANCE_LABEL } from "@/lib/services/observe/observe-target";
import { readCaches, type CachedRead } from "@/lib/services/observe/read-caches";

// The Deployment's revision history, newest first, from the namespace's ReplicaSets cache.
export async function appRevisions(appId: string, environmentId: string): Promise<CachedRead<KubeRevision[]>> {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, include: { team: true } });
  const environment = await db.environment.findUniqueOrThrow({ where: { id: environmentId } });
  const namespace = renderNamespace(environment.namespacePattern, { team: app.team.name, env: environment.name });
  const instance = `${app.name}-${environment.name}`;
  return readCaches({ environment, namespace }, ["replicasets"], (objects) =>
    [...objects("replicasets").values()]
      .filter((rs) => rs.labels[INSTANCE_LABEL] === instance)
      .map(({ labels: _labels, ...revision }) => revision)
      .sort((a, b) => b.revision - a.revision),
  );
}
