import "server-only";
import type { KubernetesObject, V1Container, V1EnvVar } from "@kubernetes/client-node";
import { db } from "@/lib/db";
import { message, type StoredMessage } from "@/lib/i18n/stored-message";
import { readLive, refOf } from "@/lib/kube/apply-objects";
import { field, fieldOwners, keyed } from "@/lib/kube/field-owners";
import type { KubeClient } from "@/lib/kube/client";
import { isFinalStatus } from "@/lib/validations/release-status";
import { loadManifest } from "./manifest-store";

// One way the cluster differs from the release that should be running, and who changed it
// (the field managers of the live object; none for a deleted object).
export type DriftItem = { object: string; message: StoredMessage; managers: string[] };

export type Drift = { number: number; items: DriftItem[] };

type Workload = KubernetesObject & {
  spec?: { replicas?: number; template?: { spec?: { containers?: V1Container[] } } };
};

const CONTAINERS = [field("spec"), field("template"), field("spec"), field("containers")];

// An env var as a person reads it: its value, or where the value comes from.
function envValue(variable: V1EnvVar | undefined): string {
  if (!variable) return "";
  return variable.value ?? (variable.valueFrom ? JSON.stringify(variable.valueFrom) : "");
}

function containerDrift(
  object: string,
  want: V1Container,
  live: V1Container | undefined,
  owners: (path: string[]) => string[],
) {
  const items: DriftItem[] = [];
  const base = [...CONTAINERS, keyed(want.name)];
  if (!live) {
    items.push({
      object,
      message: message("drift.containerMissing", { object, container: want.name }),
      managers: owners(base),
    });
    return items;
  }
  if (want.image && live.image !== want.image)
    items.push({
      object,
      message: message("drift.image", { object, container: want.name, expected: want.image, actual: live.image ?? "" }),
      managers: owners([...base, field("image")]),
    });
  const wanted = new Map((want.env ?? []).map((variable) => [variable.name, variable]));
  const running = new Map((live.env ?? []).map((variable) => [variable.name, variable]));
  for (const name of new Set([...wanted.keys(), ...running.keys()])) {
    const expected = wanted.get(name);
    const actual = running.get(name);
    if (expected && actual && envValue(expected) === envValue(actual)) continue;
    const values = { object, container: want.name, name, expected: envValue(expected), actual: envValue(actual) };
    const key = !actual ? "drift.envRemoved" : !expected ? "drift.envAdded" : "drift.envChanged";
    items.push({ object, message: message(key, values), managers: owners([...base, field("env"), keyed(name)]) });
  }
  return items;
}

function workloadDrift(want: Workload, live: Workload, autoscaled: boolean): DriftItem[] {
  const object = `${want.kind}/${want.metadata?.name}`;
  const owners = (path: string[]) => fieldOwners(live, path);
  const items: DriftItem[] = [];
  // An autoscaler sets the replica count: a difference there is its work, not drift.
  if (!autoscaled && want.spec?.replicas !== undefined && live.spec?.replicas !== want.spec.replicas)
    items.push({
      object,
      message: message("drift.replicas", { object, expected: want.spec.replicas, actual: live.spec?.replicas ?? 0 }),
      managers: owners([field("spec"), field("replicas")]),
    });
  const running = live.spec?.template?.spec?.containers ?? [];
  for (const container of want.spec?.template?.spec?.containers ?? [])
    items.push(
      ...containerDrift(
        object,
        container,
        running.find((c) => c.name === container.name),
        owners,
      ),
    );
  return items;
}

// What drift is measured against: the app's last succeeded release and its objects. Null when
// nothing has succeeded yet or a release is under way (the cluster is meant to differ then).
export type DriftBasis = { number: number; objects: KubernetesObject[] };

export async function driftBasis(appId: string, environmentId: string): Promise<DriftBasis | null> {
  const [latest, last] = await Promise.all([
    db.release.findFirst({ where: { appId, environmentId }, orderBy: { number: "desc" }, select: { status: true } }),
    db.release.findFirst({
      where: { appId, environmentId, status: "succeeded" },
      orderBy: { number: "desc" },
      select: { number: true, manifestHash: true },
    }),
  ]);
  if (!last || !latest || !isFinalStatus(latest.status)) return null;
  return { number: last.number, objects: await loadManifest(last.manifestHash) };
}

// Compares the cluster with a release: the workloads' images, replica counts and env, and
// whether every object is still there. Reads the live objects one by one: a release has a handful.
export async function compareWithCluster(client: KubeClient, basis: DriftBasis): Promise<Drift> {
  const { objects } = basis;
  const autoscaled = objects.some((object) => object.kind === "HorizontalPodAutoscaler");
  const lives = await Promise.all(objects.map((object) => readLive(client, refOf(object))));
  const items: DriftItem[] = [];
  objects.forEach((want, index) => {
    const live = lives[index];
    const object = `${want.kind}/${want.metadata?.name}`;
    if (!live) items.push({ object, message: message("drift.missing", { object }), managers: [] });
    else if (want.kind === "Deployment" || want.kind === "StatefulSet")
      items.push(...workloadDrift(want as Workload, live as Workload, autoscaled));
  });
  return { number: basis.number, items };
}

// Compares the cluster with the last succeeded release of an app in an environment (the deploy
// preview's check, read afresh; the app page's goes through app-drift.ts).
export async function detectDrift(client: KubeClient, appId: string, environmentId: string): Promise<Drift | null> {
  const basis = await driftBasis(appId, environmentId);
  return basis ? compareWithCluster(client, basis) : null;
}
