// (a) Slipway's deploy request against a bare server-side apply of the same objects. Slipway's
// side is the POST /api/releases round trip (session, render, release rows, apply); the bare
// side is @kubernetes/client-node applying the same rendered objects, renamed into their own
// namespace, one after the other with the same ServiceAccount. client-node as shipped opens a
// new connection (TCP and TLS) for every request; Slipway keeps its connections
// (lib/kube/connections.ts), so the same bare apply is also timed on kept connections, in a
// namespace of its own, to show what is left of Slipway's own cost. All three are interleaved
// in one loop, and each rollout is waited for (untimed) before the next step, so no side's
// measurement shares the control plane with another's rollout.
import { PatchStrategy, type KubernetesObject, type KubernetesObjectApi } from "@kubernetes/client-node";
import { applyOrder } from "@/lib/kube/apply-objects";
import { median, ms, progress } from "./stats";
import { APP, postRelease, renderedObjects, waitForRelease, waitForRollout, type BenchApp } from "./world";

export const BARE_NAMESPACE = "bench-bare";
export const KEPT_NAMESPACE = "bench-bare-kept";
const BARE_APP = "bareweb";
const TAGS = ["1.0.0", "1.0.1"];
const SETTLE_MS = 200;

export type RatioResult = {
  slipway: number[];
  bare: number[];
  // The bare apply again, on kept connections.
  kept: number[];
  // Per counted run, the server's phases (auth, load, open, apply, total) from Server-Timing.
  phases: Record<string, number>[];
  warmUp: number;
  failed: number;
  kinds: string[];
};

// The same objects under another name and namespace: every string naming the app (names,
// labels, selectors) or its namespace is rewritten alike, so the copy is a working app.
function renamed(value: unknown, namespace: string, target: string): unknown {
  if (typeof value === "string") return value === namespace ? target : value.replaceAll(APP, BARE_APP);
  if (Array.isArray(value)) return value.map((item) => renamed(item, namespace, target));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, namespace, target)]));
  return value;
}

// Slipway also writes a change-cause annotation on the Deployment (for `kubectl rollout
// history`); the bare copy carries one of the same shape, so both send the same bytes' worth.
function bareObjects(objects: KubernetesObject[], namespace: string, tag: string, target: string): KubernetesObject[] {
  return applyOrder(objects).map((object) => {
    const copy = renamed(object, namespace, target) as KubernetesObject;
    if (copy.kind !== "Deployment") return copy;
    const cause = `Slipway #1 deploy harbor.example.com/bench/web:${tag} by bench-admin@slipway.test: bench`;
    return {
      ...copy,
      metadata: {
        ...copy.metadata,
        annotations: { ...copy.metadata?.annotations, "kubernetes.io/change-cause": cause },
      },
    };
  });
}

async function bareApply(objects: KubernetesObjectApi, manifest: KubernetesObject[]): Promise<number> {
  const started = performance.now();
  for (const object of manifest)
    await objects.patch(object, undefined, undefined, "bench", true, PatchStrategy.ServerSideApply);
  return performance.now() - started;
}

export async function measureApplyRatio(options: {
  session: string;
  app: BenchApp;
  objects: KubernetesObjectApi;
  // The same identity, on kept connections.
  keptObjects: KubernetesObjectApi;
  runs: number;
  warmUp: number;
}): Promise<RatioResult> {
  const { session, app, objects, keptObjects, runs, warmUp } = options;
  const rendered = await Promise.all(TAGS.map((tag) => renderedObjects(app, tag)));
  const bare = rendered.map((manifest, index) => bareObjects(manifest, app.namespace, TAGS[index]!, BARE_NAMESPACE));
  const kept = rendered.map((manifest, index) => bareObjects(manifest, app.namespace, TAGS[index]!, KEPT_NAMESPACE));
  const result: RatioResult = {
    slipway: [],
    bare: [],
    kept: [],
    phases: [],
    warmUp,
    failed: 0,
    kinds: applyOrder(rendered[0]!).map((object) => object.kind ?? "?"),
  };
  const sleep = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const total = warmUp + runs;
  for (let i = 0; i < total; i++) {
    const which = i % TAGS.length;
    let slipwayMs = Number.NaN;
    let bareMs = Number.NaN;
    let keptMs = Number.NaN;
    let phases: Record<string, number> = {};
    const slipwayStep = async () => {
      const deployed = await postRelease(session, app, TAGS[which]!);
      const status = await waitForRelease(deployed.releaseId);
      if (status === "succeeded") {
        slipwayMs = deployed.milliseconds;
        phases = deployed.phases;
      } else result.failed++;
      await sleep();
    };
    const bareStep = async () => {
      bareMs = await bareApply(objects, bare[which]!);
      await waitForRollout(objects, BARE_NAMESPACE, BARE_APP);
      await sleep();
    };
    const keptStep = async () => {
      keptMs = await bareApply(keptObjects, kept[which]!);
      await waitForRollout(keptObjects, KEPT_NAMESPACE, BARE_APP);
      await sleep();
    };
    // Which side goes first rotates every other run, so a slow drift of the machine weighs on
    // all alike.
    const steps = [slipwayStep, bareStep, keptStep];
    const first = Math.floor(i / 2) % steps.length;
    for (let step = 0; step < steps.length; step++) await steps[(first + step) % steps.length]!();
    if (i >= warmUp && Number.isFinite(slipwayMs)) {
      result.slipway.push(slipwayMs);
      result.bare.push(bareMs);
      result.kept.push(keptMs);
      result.phases.push(phases);
    }
    const done = i + 1;
    if (done === warmUp) progress(`(a) ${warmUp} warm-up runs done`);
    else if (done > warmUp && (done - warmUp) % 10 === 0)
      progress(
        `(a) ${done - warmUp}/${runs} runs: median so far Slipway ${ms(median(result.slipway))}, bare ${ms(median(result.bare))}, bare on kept connections ${ms(median(result.kept))}`,
      );
  }
  return result;
}
