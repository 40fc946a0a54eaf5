import "server-only";
import { Watch, type CoreV1Event, type V1Deployment, type V1Pod } from "@kubernetes/client-node";
import type { KubeClient } from "./client";
import { canonicalJson } from "@/lib/diff/canonical-json";
import { toKubeError } from "./errors";
import { isAppObject, summariseEvent } from "./events";
import { podLine, rolloutProgress, type PodLine, type RolloutProgress } from "./rollout-status";

export type RolloutEvent = { at: Date; type: string; reason: string; object: string; message: string };

export type RolloutObserver = {
  progress(progress: RolloutProgress, pods: PodLine[]): void;
  event(event: RolloutEvent): void;
};

export type RolloutTarget = {
  namespace: string;
  deployment: string;
  // Label selector of the app's pods.
  selector: string;
  // When the release was applied: events and deadline verdicts older than this belong to
  // earlier rollouts.
  since: Date;
  // The pod template our change left (canonical JSON); when unknown, the first read's.
  template?: string;
};

export type RolloutOutcome =
  | { phase: "complete" | "failed"; progress: RolloutProgress; pods: PodLine[]; message: string }
  | { phase: "unreachable" | "timeout" | "gone" | "superseded" | "aborted"; message: string };

const POD_SETTLE_MS = 2_000;
const RECONNECT_MS = 1_000;

// Who last wrote the pod template, from the Deployment's managed fields (not Slipway, not a
// status writer).
function templateManager(deployment: V1Deployment): string | undefined {
  const writers = (deployment.metadata?.managedFields ?? []).filter(
    (entry) =>
      entry.manager !== "slipway" &&
      !entry.subresource &&
      JSON.stringify(entry.fieldsV1 ?? {}).includes('"f:template"'),
  );
  writers.sort((a, b) => new Date(a.time ?? 0).getTime() - new Date(b.time ?? 0).getTime());
  return writers.at(-1)?.manager;
}

// Follows one Deployment's rollout by watch until it completes, fails at its progress deadline,
// disappears, or the cluster stays unreachable past that deadline. Pods and events of the app
// are watched beside it for the timeline. Watches that drop are re-established from a fresh
// read, so a restarted API server only delays the outcome.
export function followRollout(
  client: KubeClient,
  target: RolloutTarget,
  observer: RolloutObserver,
  signal: AbortSignal,
): Promise<RolloutOutcome> {
  const watch = new Watch(client.config);
  const pods = new Map<string, V1Pod>();
  const seenEvents = new Set<string>();
  const controllers: AbortController[] = [];
  let deployment: V1Deployment | null = null;
  let lastContact = Date.now();
  let lastError = "";

  return new Promise<RolloutOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: RolloutOutcome) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      for (const controller of controllers) controller.abort();
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish({ phase: "aborted", message: "stopped" });
    // A watch that connects after the outcome is closed at once.
    const track = (controller: AbortController) => {
      if (settled) controller.abort();
      else controllers.push(controller);
    };
    signal.addEventListener("abort", onAbort);

    const podLines = () =>
      [...pods.values()].map((pod) => podLine(pod)).sort((a, b) => a.name.localeCompare(b.name, "en"));

    // A pod template other than ours means someone else rolled out another version meanwhile
    // (kubectl set image, another tool).
    let ourTemplate = target.template;
    // The outcome waits for the first pod list too, so it always names the pods.
    let podsListed = false;
    // The Deployment can report the rollout complete a moment before the pod watch delivers the
    // last pod turning ready: the outcome waits for the pods to agree (as many ready as the
    // Deployment counts), lists them afresh if they do not within POD_SETTLE_MS, and goes with
    // what it has after twice that.
    let completeAt: number | undefined;
    let relisted = false;
    const evaluate = () => {
      if (!deployment || !podsListed) return;
      const progress = rolloutProgress(deployment, target.since);
      const lines = podLines();
      observer.progress(progress, lines);
      const template = canonicalJson(deployment.spec?.template ?? {});
      ourTemplate ??= template;
      if (template !== ourTemplate) {
        const by = templateManager(deployment);
        finish({
          phase: "superseded",
          message: `Another pod template was rolled out during this release${by ? ` by "${by}"` : ""}${
            progress.revision ? ` (the Deployment is now at revision ${progress.revision})` : ""
          }`,
        });
        return;
      }
      if (progress.phase === "complete") {
        completeAt ??= Date.now();
        const waited = Date.now() - completeAt;
        if (lines.filter((pod) => pod.ready).length >= progress.ready || waited >= 2 * POD_SETTLE_MS)
          finish({ phase: "complete", progress, pods: lines, message: progress.message });
        else if (waited >= POD_SETTLE_MS && !relisted) {
          relisted = true;
          void podLoop.run();
        }
        return;
      }
      if (progress.phase === "failed") {
        const reasons = lines
          .filter((pod) => !pod.ready)
          .map((pod) => `${pod.name}: ${pod.phase}${pod.reason ? ` (${pod.reason})` : ""}`);
        finish({
          phase: "failed",
          progress,
          pods: lines,
          message: [progress.message, ...reasons].join("\n"),
        });
      }
    };

    // Gives up when the cluster has not answered for longer than the rollout may take, or the
    // controller never gave a verdict within it.
    const startedAt = Date.now();
    const timer = setInterval(() => {
      evaluate();
      const deadlineSeconds = deployment ? rolloutProgress(deployment).progressDeadlineSeconds : 600;
      const limitMs = (deadlineSeconds + 30) * 1_000;
      if (Date.now() - lastContact > limitMs)
        finish({ phase: "unreachable", message: lastError || `${client.environment}: cluster unreachable` });
      else if (Date.now() - startedAt > limitMs * 2)
        finish({ phase: "timeout", message: `The rollout did not finish within ${(limitMs * 2) / 1000} s` });
    }, 1_000);
    timer.unref();

    const keep = (name: string, start: () => Promise<void>) => {
      const again = () => {
        if (settled) return;
        setTimeout(() => {
          if (!settled) start().catch(failed);
        }, RECONNECT_MS).unref();
      };
      const failed = (error: unknown) => {
        lastError = toKubeError(error, client.environment).message;
        again();
      };
      return { again, failed, run: () => start().catch(failed), name };
    };

    const deploymentLoop = keep("deployment", async () => {
      const current = await client.call((c) =>
        c.apps.readNamespacedDeployment({ name: target.deployment, namespace: target.namespace }),
      );
      lastContact = Date.now();
      deployment = current;
      evaluate();
      if (settled) return;
      track(
        await watch.watch(
          `/apis/apps/v1/namespaces/${target.namespace}/deployments`,
          {
            fieldSelector: `metadata.name=${target.deployment}`,
            resourceVersion: current.metadata?.resourceVersion,
            allowWatchBookmarks: true,
          },
          (type, object: V1Deployment) => {
            lastContact = Date.now();
            if (type === "DELETED") finish({ phase: "gone", message: `Deployment ${target.deployment} was deleted` });
            if (type === "ADDED" || type === "MODIFIED") {
              deployment = object;
              evaluate();
            }
          },
          (error: unknown) => {
            if (error) lastError = toKubeError(error, client.environment).message;
            deploymentLoop.again();
          },
        ),
      );
    });

    const podLoop = keep("pods", async () => {
      const list = await client.call((c) =>
        c.core.listNamespacedPod({ namespace: target.namespace, labelSelector: target.selector }),
      );
      pods.clear();
      for (const pod of list.items) pods.set(pod.metadata?.name ?? "", pod);
      podsListed = true;
      evaluate();
      track(
        await watch.watch(
          `/api/v1/namespaces/${target.namespace}/pods`,
          { labelSelector: target.selector, resourceVersion: list.metadata?.resourceVersion },
          (type, pod: V1Pod) => {
            lastContact = Date.now();
            const name = pod.metadata?.name ?? "";
            if (type === "DELETED") pods.delete(name);
            else if (type === "ADDED" || type === "MODIFIED") pods.set(name, pod);
            else return;
            evaluate();
          },
          () => podLoop.again(),
        ),
      );
    });

    const eventLoop = keep("events", async () => {
      const list = await client.call((c) => c.core.listNamespacedEvent({ namespace: target.namespace }));
      const report = (event: CoreV1Event) => {
        if (!isAppObject(event.involvedObject, { deployments: [target.deployment], pods: [...pods.keys()] })) return;
        const summary = summariseEvent(event, new Date());
        const key = `${summary.id}/${summary.count}`;
        const at = new Date(summary.time || Date.now());
        if (seenEvents.has(key) || at < target.since) return;
        seenEvents.add(key);
        observer.event({
          at,
          type: summary.type,
          reason: summary.reason,
          object: summary.object,
          message: summary.message,
        });
      };
      for (const event of list.items) report(event);
      track(
        await watch.watch(
          `/api/v1/namespaces/${target.namespace}/events`,
          { resourceVersion: list.metadata?.resourceVersion },
          (type, event: CoreV1Event) => {
            if (type === "ADDED" || type === "MODIFIED") report(event);
          },
          () => eventLoop.again(),
        ),
      );
    });

    void podLoop.run();
    void eventLoop.run();
    void deploymentLoop.run();
  });
}
