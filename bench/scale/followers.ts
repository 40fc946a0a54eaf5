// Rollouts followed at once in one namespace (issue 17): the Kubernetes watches the release
// followers open, with the follower as it was before it read the shared watch caches (its source
// at BEFORE, taken from git) and as it is now. See bench/scale/README.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { V1Deployment } from "@kubernetes/client-node";
import { canonicalJson } from "@/lib/diff/canonical-json";
import { applyObject } from "@/lib/kube/apply-objects";
import { buildClient, type KubeClient } from "@/lib/kube/client";
import { followRollout } from "@/lib/kube/follow-rollout";
import { parseKubeconfig } from "@/lib/kube/kubeconfig";
import { kubeRequestCounts } from "@/lib/kube/request-counts";
import { stopAllCaches } from "@/lib/kube/watch-cache/registry";
import { root } from "@/scripts/lib/prepare";
import { startTestSandbox } from "@/scripts/lib/sandbox";
import { benchEnvironment } from "../deploy/harness";
import { instanceDeployment } from "@/test/support/instance-deployment";
import { ms } from "../deploy/stats";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROLLOUTS = arg("rollouts", 20);
// main before the followers read the caches.
const BEFORE = "340fb97";

type Follow = (client: KubeClient, target: never, observer: never, signal: AbortSignal) => Promise<{ phase: string }>;

// The follower at BEFORE, with the rollout verdict it used, beside today's modules.
async function followerBefore(): Promise<Follow> {
  const dir = join(root, ".data", "bench-followers-before");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of ["follow-rollout", "rollout-status"]) {
    const source = execFileSync("git", ["show", `${BEFORE}:lib/kube/${file}.ts`], { cwd: root, encoding: "utf8" });
    writeFileSync(
      join(dir, `${file}.ts`),
      source.replace(/from "\.\/(?!rollout-status")([^"]+)"/g, 'from "@/lib/kube/$1"'),
    );
  }
  return ((await import(join(dir, "follow-rollout.ts"))) as { followRollout: Follow }).followRollout;
}

// Applies ROLLOUTS Deployments in a fresh namespace and follows them all at once.
async function run(variant: "before" | "after", follow: Follow, kubeconfig: string, admin: KubeClient) {
  const namespace = `followers-${variant}-${Date.now().toString(36)}`;
  const client = buildClient(`bench-followers-${variant}`, parseKubeconfig(kubeconfig).config);
  await admin.core.createNamespace({ body: { metadata: { name: namespace } } });
  try {
    const names = Array.from({ length: ROLLOUTS }, (_, i) => `app${i}`);
    const started = performance.now();
    const applied = await Promise.all(
      names.map(
        async (name) => (await applyObject(client, instanceDeployment(namespace, name, `bench/${name}:1`))).object,
      ),
    );
    const outcomes = await Promise.all(
      applied.map((object, i) => {
        const name = names[i]!;
        const labels = { "app.kubernetes.io/instance": name };
        const target = {
          namespace,
          deployment: name,
          since: new Date(Date.now() - 1_000),
          template: canonicalJson((object as V1Deployment).spec?.template ?? {}),
          generation: object.metadata?.generation,
          // BEFORE's followers listed and watched pods by label selector.
          selector: `app.kubernetes.io/instance=${name}`,
          podLabels: labels,
        };
        return follow(
          client,
          target as never,
          { progress: () => {}, event: () => {} } as never,
          new AbortController().signal,
        );
      }),
    );
    const complete = outcomes.filter((outcome) => outcome.phase === "complete").length;
    const count = (verb: string) =>
      kubeRequestCounts().find((c) => c.environment === client.environment && c.verb === verb)?.count ?? 0;
    return { watches: count("watch"), reads: count("get"), complete, milliseconds: performance.now() - started };
  } finally {
    stopAllCaches();
    await admin.core.deleteNamespace({ name: namespace });
  }
}

async function main() {
  // Slipway's settings are checked as a whole on first use; this bench opens no database.
  benchEnvironment();
  process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:1/unused";
  const sandbox = startTestSandbox();
  const kubeconfig = readFileSync(sandbox.slipwayKubeconfig, "utf8");
  const admin = buildClient("bench-admin", parseKubeconfig(readFileSync(sandbox.adminKubeconfig, "utf8")).config);
  const before = await run("before", await followerBefore(), kubeconfig, admin);
  const after = await run("after", followRollout as unknown as Follow, kubeconfig, admin);
  const line = (figure: string, value: string, goal: string) =>
    console.log(`${figure.padEnd(58)} ${value.padEnd(28)} goal: ${goal}`);
  console.log("");
  console.log(`${ROLLOUTS} rollouts followed at once in one namespace (before: the follower at ${BEFORE})`);
  line("watches opened: before -> after", `${before.watches} -> ${after.watches}`, "one per kind and namespace (3)");
  line("GET requests (reads, lists, discovery): before -> after", `${before.reads} -> ${after.reads}`, "(figure)");
  line(
    "rollouts complete: before -> after",
    `${before.complete} -> ${after.complete} of ${ROLLOUTS}`,
    `${ROLLOUTS} of ${ROLLOUTS}`,
  );
  line("apply + follow all: before -> after", `${ms(before.milliseconds)} -> ${ms(after.milliseconds)}`, "(figure)");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
