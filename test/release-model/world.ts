// The real side of the release engine's model-based test (issue 10): one app per sequence in a
// development environment and a protected one, on the test sandbox and database, and what the
// test reads back after every step.
import type { V1Deployment } from "@kubernetes/client-node";
import { db } from "@/lib/db";
import { mainDeployment } from "@/lib/services/releases/release-objects";
import { loadManifest } from "@/lib/services/releases/manifest-store";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { sandboxClient } from "@/test/sandbox";

export type ModelWorld = Awaited<ReturnType<typeof makeModelWorld>>;

export async function makeModelWorld() {
  const world = await makeReleaseWorld();
  const dev = await world.environment("mbt");
  const prod = await world.environment("mbtprod", { protected: true });
  return { world, dev, prod };
}

// The app under test in one sequence.
export type Real = {
  base: ModelWorld;
  appId: string;
  name: string;
  namespace: (environment: "dev" | "prod") => string;
  environmentId: (environment: "dev" | "prod") => string;
};

export async function makeReal(base: ModelWorld, index: number): Promise<Real> {
  const name = `m${index}${base.world.suffix}`;
  const app = await base.world.app(name, { replicas: 1 }, base.dev.id);
  const env = (environment: "dev" | "prod") => (environment === "dev" ? base.dev : base.prod);
  return {
    base,
    appId: app.id,
    name,
    namespace: (environment) => `${base.world.team.name}-${env(environment).name}`,
    environmentId: (environment) => env(environment).id,
  };
}

// What only grows: the app's releases and the audit rows about it (written with its scope, or
// naming one of its releases or requests).
export async function historyOf(real: Real) {
  const [releases, requests] = await Promise.all([
    db.release.findMany({ where: { appId: real.appId }, select: { id: true } }),
    db.releaseRequest.findMany({ where: { appId: real.appId }, select: { id: true } }),
  ]);
  const audits = await db.auditEvent.count({
    where: {
      OR: [{ appId: real.appId }, { targetId: { in: [...releases, ...requests].map((row) => row.id) } }],
    },
  });
  return { releases: releases.length, audits };
}

export async function locksOf(real: Real): Promise<number> {
  return db.releaseLock.count({ where: { appId: real.appId } });
}

export async function liveDeployment(real: Real, environment: "dev" | "prod"): Promise<V1Deployment | null> {
  try {
    return await sandboxClient("admin").apps.readNamespacedDeployment({
      name: real.name,
      namespace: real.namespace(environment),
    });
  } catch {
    return null;
  }
}

// The Deployment a release stored, as it was meant to run.
export async function releasedDeployment(manifestHash: string): Promise<V1Deployment> {
  const deployment = mainDeployment(await loadManifest(manifestHash));
  if (!deployment) throw new Error(`manifest ${manifestHash} has no Deployment`);
  return deployment as V1Deployment;
}
