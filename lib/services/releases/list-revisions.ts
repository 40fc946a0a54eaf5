import "server-only";
import { db } from "@/lib/db";
import { clusterFor } from "@/lib/kube/client";
import { toKubeError } from "@/lib/kube/errors";
import { listRevisions, type KubeRevision } from "@/lib/kube/revisions";
import { renderNamespace } from "@/lib/services/environments/environment-view";

export async function appRevisions(
  appId: string,
  environmentId: string,
): Promise<{ revisions: KubeRevision[]; error?: string }> {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, include: { team: true } });
  const environment = await db.environment.findUniqueOrThrow({ where: { id: environmentId } });
  const namespace = renderNamespace(environment.namespacePattern, { team: app.team.name, env: environment.name });
  try {
    const client = clusterFor(environment);
    return {
      revisions: await listRevisions(client, namespace, `app.kubernetes.io/instance=${app.name}-${environment.name}`),
    };
  } catch (error) {
    return { revisions: [], error: toKubeError(error, environment.name).message };
  }
}
