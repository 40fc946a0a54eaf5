// The invariants of issue 10, checked after every step of the release engine's model-based
// test. Each throws with what it saw, so a failing sequence says which rule broke and how.
import type { Release } from "@/lib/generated/prisma/client";
import type { FieldConflict } from "@/lib/kube/apply-objects";
import { settledRelease } from "@/test/release-fixtures";
import { historyOf, liveDeployment, locksOf, releasedDeployment, type Real } from "./world";

// How long a release may take to reach a terminal state (applied and rolled out on a busy
// two-core machine; a rollout's deadline in the template is 60 s).
export const SETTLE_BOUND_MS = 150_000;

export class Broken extends Error {
  constructor(rule: string, detail: unknown) {
    super(`${rule}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
    this.name = "Broken";
  }
}

export async function settle(releaseId: string): Promise<Release> {
  try {
    return await settledRelease(releaseId, SETTLE_BOUND_MS);
  } catch {
    throw new Broken("a release reaches a terminal state within the bound", releaseId);
  }
}

export function conflictsOf(release: Release): FieldConflict[] {
  return (release.applied as { conflicts?: FieldConflict[] } | null)?.conflicts ?? [];
}

// Slipway never reports its own earlier writes as a conflict.
export function noOwnConflict(release: Release, conflicts = conflictsOf(release)): void {
  if (conflicts.some((conflict) => conflict.manager === "slipway") || /managed by "slipway"/.test(release.error ?? ""))
    throw new Broken("no release fails with a conflict naming slipway", { error: release.error, conflicts });
}

// One operation: exactly this many releases and audit rows more.
export async function expectGrowth(
  real: Real,
  before: { releases: number; audits: number },
  releases: number,
  audits: number,
) {
  const after = await historyOf(real);
  if (after.releases - before.releases !== releases || after.audits - before.audits !== audits)
    throw new Broken("history grows by exactly one release and one audit row per operation", {
      releases: after.releases - before.releases,
      audits: after.audits - before.audits,
      expected: { releases, audits },
    });
}

export async function noLock(real: Real): Promise<void> {
  const locks = await locksOf(real);
  if (locks !== 0) throw new Broken("no lock row is left", `${locks} lock(s)`);
}

const envOf = (container: { env?: { name: string; value?: string }[] } | undefined) =>
  (container?.env ?? []).map((variable) => `${variable.name}=${variable.value ?? ""}`).sort();

// A succeeded release: the Deployment runs its image, replica count (unless an autoscaler sets
// it) and pod-template env.
// Scale and restart change one thing only: what someone else changed before them (an env var,
// the replica count) is drift they leave, and is not compared (`keep`).
export async function runsRelease(
  real: Real,
  environment: "dev" | "prod",
  release: Release,
  keep: { env?: boolean; replicas?: boolean } = {},
): Promise<void> {
  const want = await releasedDeployment(release.manifestHash);
  const live = await liveDeployment(real, environment);
  const wanted = want.spec?.template.spec?.containers[0];
  const running = live?.spec?.template.spec?.containers.find((container) => container.name === wanted?.name);
  const seen = {
    release: `#${release.number} ${release.kind}`,
    image: [wanted?.image, running?.image],
    env: [envOf(wanted), envOf(running)],
    replicas: [want.spec?.replicas, live?.spec?.replicas],
  };
  if (
    !running ||
    running.image !== wanted?.image ||
    running.image !== release.image ||
    (!keep.env && envOf(wanted).join() !== envOf(running).join()) ||
    (!keep.replicas && want.spec?.replicas !== undefined && want.spec.replicas !== live?.spec?.replicas)
  )
    throw new Broken("a succeeded release's Deployment has its image, replicas and pod-template config", seen);
}
