// (b) From a Deployment status change in the apiserver to the release page showing it. The
// reference is a watch of the Deployment in the bench process; the page notes what it shows
// (browser-probe.ts). Both clocks are this machine's wall clock.
import { Watch, type KubeConfig, type KubernetesObjectApi, type V1Deployment } from "@kubernetes/client-node";
import { CHROMIUM_LAUNCH } from "../../playwright.config";
import { chromium, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { PROBE_SCRIPT, type ProbeRecord, type ShownTuple } from "./browser-probe";
import { BASE_URL } from "./harness";
import { percentile, progress } from "./stats";
import { postRelease, readDeployment, waitForRelease, type BenchApp } from "./world";

const TAGS = ["2.0.0", "2.0.1"];
// The bench's own watch may hear of a change a little after the server's follower does.
const CLOCK_SLACK_MS = 20;

type Change = { at: number; tuple: string };
export type LatencyResult = {
  deploys: number;
  warmUp: number;
  // Shown to painted frame, and to the DOM change before it.
  frame: number[];
  dom: number[];
  // Change to the pushed state's arrival in the page (the server's path), and arrival to the
  // DOM change (the page's own work).
  received: number[];
  rendered: number[];
  changes: number;
  missed: number;
  skipped: number;
};

const tupleOf = (deployment: V1Deployment) =>
  [deployment.status?.updatedReplicas, deployment.status?.readyReplicas, deployment.status?.availableReplicas]
    .map((value) => value ?? 0)
    .join(",");

// Pairs each change of the reference with the page's display of it. The page shows a
// subsequence of the changes (the server may fold several into one push), so the pairing is the
// longest common subsequence of tuples in which the page never shows a tuple before it happened.
// Among equally long pairings, a display goes with the latest change it can stand for: a page
// that skipped from A over B back to A shows the second A.
function pairChanges(changes: Change[], shown: ShownTuple[]): { change: Change; shown: ShownTuple | null }[] {
  const fits = (i: number, k: number) =>
    changes[i]!.tuple === shown[k]!.tuple && shown[k]!.domAt >= changes[i]!.at - CLOCK_SLACK_MS;
  const best = Array.from({ length: changes.length + 1 }, () => new Array<number>(shown.length + 1).fill(0));
  for (let i = changes.length - 1; i >= 0; i--)
    for (let k = shown.length - 1; k >= 0; k--)
      best[i]![k] = Math.max(best[i + 1]![k]!, best[i]![k + 1]!, fits(i, k) ? 1 + best[i + 1]![k + 1]! : 0);
  const pairs: { change: Change; shown: ShownTuple | null }[] = [];
  let i = 0;
  let k = 0;
  while (i < changes.length) {
    if (k === shown.length || best[i]![k] === best[i + 1]![k]) {
      pairs.push({ change: changes[i]!, shown: null });
      i++;
    } else if (fits(i, k) && best[i]![k] === 1 + best[i + 1]![k + 1]!) {
      pairs.push({ change: changes[i]!, shown: shown[k]! });
      i++;
      k++;
    } else k++;
  }
  return pairs;
}

// client-node ends a watch after 30 s without an event; nothing was missed up to then.
async function referenceWatch(config: KubeConfig, deployment: V1Deployment) {
  const changes: Change[] = [];
  let last = tupleOf(deployment);
  let endedAt = Number.POSITIVE_INFINITY;
  const { name, namespace, resourceVersion } = deployment.metadata ?? {};
  const controller = await new Watch(config).watch(
    `/apis/apps/v1/namespaces/${namespace}/deployments`,
    { fieldSelector: `metadata.name=${name}`, resourceVersion },
    (type, object: V1Deployment) => {
      if (type !== "MODIFIED") return;
      const tuple = tupleOf(object);
      if (tuple === last) return;
      last = tuple;
      changes.push({ at: Date.now(), tuple });
    },
    () => {
      endedAt = Math.min(endedAt, Date.now());
    },
  );
  return {
    changes,
    // Whether the watch saw everything up to `until`.
    stop: (until: number) => {
      const whole = endedAt >= until;
      controller.abort();
      return whole;
    },
  };
}

async function finalShown(page: Page): Promise<void> {
  await page.waitForSelector(
    ["succeeded", "failed", "superseded"].map((s) => `[data-testid="release-status"][data-status="${s}"]`).join(", "),
    { timeout: 60_000 },
  );
}

export async function measureLiveLatency(options: {
  session: string;
  app: BenchApp;
  config: KubeConfig;
  objects: KubernetesObjectApi;
  deploys: number;
  warmUp: number;
}): Promise<LatencyResult> {
  const { session, app, config, objects, deploys, warmUp } = options;
  const result: LatencyResult = {
    deploys,
    warmUp,
    frame: [],
    dom: [],
    received: [],
    rendered: [],
    changes: 0,
    missed: 0,
    skipped: 0,
  };
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: "en-US" });
    await context.addCookies([{ name: "next-auth.session-token", value: session, url: BASE_URL }]);
    await context.addInitScript(PROBE_SCRIPT);
    const page = await context.newPage();
    for (let i = 0; i < warmUp + deploys; i++) {
      const reference = await referenceWatch(config, await readDeployment(objects, app.namespace, app.deployment));
      const { releaseId } = await postRelease(session, app, TAGS[i % TAGS.length]!);
      await page.goto(`/releases/${releaseId}`);
      const status = await waitForRelease(releaseId);
      await finalShown(page);
      // The last push may still be on its way to the screen.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const probe = (await page.evaluate("window.__benchProbe")) as ProbeRecord;
      const { finishedAt } = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
      const whole = reference.stop(finishedAt?.getTime() ?? Date.now());
      if (i < warmUp) {
        progress(`(b) warm-up deploy done (${status})`);
        continue;
      }
      if (probe.stateAt === null || !whole || status !== "succeeded") {
        result.skipped++;
        progress(
          `(b) deploy ${i - warmUp + 1}/${deploys}: not counted (${status}, live ${probe.stateAt !== null}, watch ${whole ? "whole" : "dropped"})`,
        );
        continue;
      }
      // Only what happened while the page was listening, up to the follower's verdict.
      const stateAt = probe.stateAt;
      const end = finishedAt?.getTime() ?? Number.POSITIVE_INFINITY;
      const counted = reference.changes.filter((change) => change.at > stateAt && change.at <= end);
      const pairs = pairChanges(counted, probe.shown);
      const latencies: number[] = [];
      for (const { change, shown } of pairs) {
        result.changes++;
        if (!shown) {
          result.missed++;
          continue;
        }
        result.frame.push(shown.frameAt - change.at);
        result.dom.push(shown.domAt - change.at);
        const arrived = probe.received[shown.tuple];
        if (arrived !== undefined && arrived >= change.at - CLOCK_SLACK_MS) {
          result.received.push(arrived - change.at);
          result.rendered.push(shown.domAt - arrived);
        }
        latencies.push(shown.frameAt - change.at);
      }
      progress(
        `(b) deploy ${i - warmUp + 1}/${deploys}: ${reference.changes.length} status changes, ${counted.length} while live, ` +
          `${latencies.length} shown (max ${latencies.length ? Math.max(...latencies) : "-"} ms)`,
      );
    }
  } finally {
    await browser.close();
  }
  return result;
}

export function summary(values: number[]): { p50: number; p95: number; max: number } {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}
