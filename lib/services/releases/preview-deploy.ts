import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { CurrentUser } from "@/lib/auth/session";
import { keyedDigest } from "@/lib/crypto/keys";
import { lineDiff, type DiffLine } from "@/lib/diff/line-diff";
import { toYaml } from "@/lib/templates/to-yaml";
import { clusterFor } from "@/lib/kube/client";
import {
  ApplyConflictError,
  applyObject,
  findLeftovers,
  readLive,
  refOf,
  type FieldConflict,
} from "@/lib/kube/apply-objects";
import { toKubeError } from "@/lib/kube/errors";
import { renderDeploy } from "./deploy-release";
import { releaseAccess } from "./release-access";
import { instanceOf, removedKinds } from "./run-release";

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
  clusterError?: string;
};

const NOISE_ANNOTATIONS = ["deployment.kubernetes.io/revision", "kubernetes.io/change-cause"];

// The parts of an object a person compares: no server bookkeeping, no status, and Secret
// values replaced by a mask that still shows whether a value changed.
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
  const clean: Record<string, unknown> = { ...rest, metadata };
  if (object.kind === "Secret") {
    for (const field of ["data", "stringData"]) {
      const values = clean[field] as Record<string, string> | undefined;
      if (values)
        clean[field] = Object.fromEntries(
          Object.entries(values).map(([key, value]) => [
            key,
            `•••••• ${keyedDigest(field === "data" ? Buffer.from(value, "base64").toString("utf8") : value, "preview").slice(0, 8)}`,
          ]),
        );
    }
    if (clean.stringData) {
      clean.data = { ...(clean.data as object), ...(clean.stringData as object) };
      delete clean.stringData;
    }
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
  input: { appId: string; environmentId: string; tag: string },
): Promise<DeployPreview> {
  const { target, image, objects } = await renderDeploy(input.appId, input.environmentId, input.tag);
  const mode = releaseAccess(actor, target.app.teamId, target.environment, "deploy");
  const client = clusterFor(target.environment);
  const changes: ObjectChange[] = [];
  const conflicts: FieldConflict[] = [];
  let namespaceExists = true;
  try {
    await client.call((c) => c.core.readNamespace({ name: target.namespace }));
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind !== "not_found")
      return { image, namespace: target.namespace, mode, changes: [], conflicts: [], clusterError: mapped.message };
    namespaceExists = false;
  }
  for (const object of objects) {
    const { kind, name } = refOf(object);
    if (!namespaceExists) {
      changes.push({ kind, name, change: "create", diff: lineDiff("", comparable(object)), conflicts: [] });
      continue;
    }
    try {
      const live = await readLive(client, refOf(object));
      let merged: KubernetesObject;
      let owned: FieldConflict[] = [];
      try {
        merged = await applyObject(client, object, { dryRun: true });
      } catch (error) {
        if (!(error instanceof ApplyConflictError)) throw error;
        owned = error.conflicts;
        merged = await applyObject(client, object, { dryRun: true, force: true });
      }
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
  // Exactly what the deploy will delete: the same search by kind and label (run-release.ts).
  if (namespaceExists) {
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
  return { image, namespace: target.namespace, mode, changes, conflicts };
}
