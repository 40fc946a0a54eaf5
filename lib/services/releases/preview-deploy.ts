import "server-only";
import { withCanaryRule } from "@/lib/services/canary/with-canary-rule";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { CurrentUser } from "@/lib/auth/session";
import { lineDiff, type DiffLine } from "@/lib/diff/line-diff";
import { maskSecrets } from "@/lib/secrets/mask";
import { toYaml } from "@/lib/templates/to-yaml";
import { clusterFor } from "@/lib/kube/client";
import { applyObject, findLeftovers, readLive, refOf, type FieldConflict } from "@/lib/kube/apply-objects";
import { toKubeError } from "@/lib/kube/errors";
import { namespaceExists } from "@/lib/kube/namespaces";
import { db } from "@/lib/db";
import { detectDrift, type Drift } from "./detect-drift";
import { releaseAccess } from "./release-access";
import { instanceOf, objectsToSend, removedKinds } from "./release-objects";
import { renderDeploy } from "./render-deploy";

export type ObjectChange = {
  kind: string;
  name: string;
  change: "create" | "update" | "unchanged" | "delete";
  diff: DiffLine[];
  conflicts: FieldConflict[];
  error?: string;
};

export type DeployPreview = {
  image: string;
  namespace: string;
  mode: "direct" | "request";
  changes: ObjectChange[];
  conflicts: FieldConflict[];
  // What the cluster changed since the last succeeded release, which this deploy overwrites.
  drift: Drift | null;
  clusterError?: string;
};

const NOISE_ANNOTATIONS = ["deployment.kubernetes.io/revision", "kubernetes.io/change-cause"];

// The parts of an object a person compares: no server bookkeeping, no status, and Secret
// values masked with a fingerprint that still shows whether a value changed.
function comparable(object: KubernetesObject | null): string {
  if (!object) return "";
  const { status: _status, ...rest } = object as KubernetesObject & { status?: unknown };
  const metadata = { ...rest.metadata };
  for (const key of ["managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink"])
    delete (metadata as Record<string, unknown>)[key];
  if (metadata.annotations) {
    const annotations = Object.fromEntries(
      Object.entries(metadata.annotations).filter(([key]) => !NOISE_ANNOTATIONS.includes(key)),
    );
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  const clean = maskSecrets({ ...rest, metadata } as Record<string, unknown>, { fingerprint: true });
  // The API server keeps stringData as data: the same value compares equal in either form.
  if (object.kind === "Secret" && clean.stringData) {
    clean.data = { ...(clean.data as object), ...(clean.stringData as object) };
    delete clean.stringData;
  }
  return toYaml([clean]).trimEnd();
}

// What a deploy of `tag` would change, object by object, before anyone confirms: the rendered
// objects are sent as a server-side dry run (the API server validates and merges them with
// what is there), the result is compared with the live objects, and fields another manager
// owns are listed as conflicts. Objects the last release had and this one has not are shown
// as deletions.
export async function previewDeploy(
  actor: CurrentUser,
  input: { appId: string; environmentId: string; tag: string; digest?: string | undefined },
): Promise<DeployPreview> {
  const {
    target,
    image,
    objects: rendered,
  } = await renderDeploy(input.appId, input.environmentId, input.tag, input.digest);
  const mode = releaseAccess(actor, target.app.teamId, target.environment, "deploy");
  const client = clusterFor(target.environment);
  const changes: ObjectChange[] = [];
  const conflicts: FieldConflict[] = [];
  let exists: boolean;
  try {
    exists = await namespaceExists(client, target.namespace);
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    return {
      image,
      namespace: target.namespace,
      mode,
      changes: [],
      conflicts: [],
      drift: null,
      clusterError: mapped.message,
    };
  }
  // What the deploy will send, change-cause included (its number is the next one's).
  const last = await db.release.findFirst({
    where: { appId: target.app.id, environmentId: target.environment.id },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  // A running canary's rule stays in the route the deploy sends (issue 14): the preview shows no change to it.
  const objects = objectsToSend(
    { number: (last?.number ?? 0) + 1, kind: "deploy", image, actorLabel: actor.email, description: "" },
    await withCanaryRule({ appId: target.app.id, environmentId: target.environment.id, app: target.app }, rendered),
  );
  for (const object of objects) {
    const { kind, name } = refOf(object);
    if (!exists) {
      changes.push({ kind, name, change: "create", diff: lineDiff("", comparable(object)), conflicts: [] });
      continue;
    }
    try {
      const live = await readLive(client, refOf(object));
      const { object: merged, conflicts: owned } = await applyObject(client, object, { dryRun: true });
      conflicts.push(...owned);
      const before = comparable(live);
      const after = live ? comparable(merged) : comparable(object);
      changes.push({
        kind,
        name,
        change: !live ? "create" : before === after ? "unchanged" : "update",
        diff: lineDiff(before, after),
        conflicts: owned,
      });
    } catch (error) {
      const mapped = toKubeError(error, client.environment);
      changes.push({ kind, name, change: "update", diff: [], conflicts: [], error: mapped.message });
    }
  }
  // Exactly what the deploy will delete: the same search by kind and label (apply-release.ts).
  if (exists) {
    const keep = objects.map(refOf);
    const kinds = await removedKinds({ appId: target.app.id, environmentId: target.environment.id }, keep);
    for (const ref of await findLeftovers(client, target.namespace, instanceOf(target), kinds, keep)) {
      const live = await readLive(client, ref);
      if (live)
        changes.push({
          kind: ref.kind,
          name: ref.name,
          change: "delete",
          diff: lineDiff(comparable(live), ""),
          conflicts: [],
        });
    }
  }
  const drift = exists ? await detectDrift(client, target.app.id, target.environment.id) : null;
  return { image, namespace: target.namespace, mode, changes, conflicts, drift };
}
