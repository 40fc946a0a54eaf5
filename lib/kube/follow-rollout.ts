import "server-only";
import type { KubeClient } from "./client";
import { message, messageLines, type StoredMessage } from "@/lib/i18n/stored-message";
import { isAppObject } from "./events";
import { allReady } from "./pods";
import { podLine, rolloutProgress, type PodLine, type RolloutProgress } from "./rollout-status";
import { templateHash, type SlimDeployment, type SlimPod } from "./watch-cache/kinds";
import { acquireCache } from "./watch-cache/registry";

export type RolloutEvent = { at: Date; type: string; reason: string; object: string; message: string };

export type RolloutObserver = {
  progress(progress: RolloutProgress, pods: PodLine[]): void;
  event(event: RolloutEvent): void;
};

export type RolloutTarget = {
  namespace: string;
  deployment: string;
  // The labels of the app's pods.
  podLabels: Record<string, string>;
  // When the release was applied: events and deadline verdicts older than this belong to
  // earlier rollouts.
  since: Date;
  // The pod template our change left (canonical JSON); when unknown, the first read's.
  template?: string;
  // The Deployment's metadata.generation our change left. The namespace's cache may still hold
  // the Deployment as it was before (the watch event is on its way): an older generation is
  // not looked at, neither as our rollout nor as someone else's. Unknown for releases recorded
  // before it was kept.
  generation?: number;
};

// `messageData` is the same text as a stored message (lib/i18n/stored-message.ts), where it is
// Slipway's own words; an unreachable cluster's is lib/kube/errors.ts's text.
export type RolloutOutcome =
  | {
      phase: "complete" | "failed";
      progress: RolloutProgress;
      pods: PodLine[];
      message: string;
      messageData?: StoredMessage;
    }
  | {
      phase: "unreachable" | "timeout" | "gone" | "superseded" | "aborted";
      message: string;
      messageData?: StoredMessage;
    };

const POD_SETTLE_MS = 2_000;
const EVENTS_SETTLE_MS = 5_000;

// Follows one Deployment's rollout until it completes, fails at its progress deadline,
// disappears, or the cluster stays unreachable past that deadline. It reads the namespace's
// shared watch caches (lib/kube/watch-cache) of Deployments, pods and events, held while it
// follows: rollouts followed at once in one namespace cost three watches between them. A cache
// that cannot resync only delays the outcome until that deadline.
export function followRollout(
  client: KubeClient,
  target: RolloutTarget,
  observer: RolloutObserver,
  signal: AbortSignal,
): Promise<RolloutOutcome> {
  const deployments = acquireCache(client, "deployments", target.namespace);
  const podCache = acquireCache(client, "pods", target.namespace);
  const eventCache = acquireCache(client, "events", target.namespace);
  // The app's pods, kept as the pods cache announces changes.
  const pods = new Map<string, SlimPod>();
  const seenEvents = new Set<string>();
  let deployment: SlimDeployment | null = null;
  let lastContact = Date.now();
  let lastError = "";

  return new Promise<RolloutOutcome>((resolve) => {
    let settled = false;
    const unsubscribes: (() => void)[] = [];
    const finish = (outcome: RolloutOutcome) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
      for (const handle of [deployments, podCache, eventCache]) handle.release();
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish({ phase: "aborted", message: "stopped" });

    const ours = (pod: SlimPod) => Object.entries(target.podLabels).every(([key, value]) => pod.labels[key] === value);
    // True when the app's pods changed: a named pod, or all of them (a sync).
    const trackPods = (changed?: string): boolean => {
      if (changed === undefined) {
        pods.clear();
        for (const pod of podCache.cache.objects.values()) if (ours(pod)) pods.set(pod.name, pod);
        return true;
      }
      const pod = podCache.cache.objects.get(changed);
      if (!pod || !ours(pod)) return pods.delete(changed);
      pods.set(changed, pod);
      return true;
    };
    const podLines = () =>
      [...pods.values()].map((pod) => podLine(pod)).sort((a, b) => a.name.localeCompare(b.name, "en"));

    const report = (changed?: string) => {
      const events =
        changed === undefined ? eventCache.cache.objects.values() : [eventCache.cache.objects.get(changed)];
      for (const event of events) {
        if (!event) continue;
        if (!isAppObject(event.involved, { deployments: [target.deployment], pods: [...pods.keys()] })) continue;
        const key = `${event.id}/${event.count}`;
        const at = new Date(event.time || Date.now());
        if (seenEvents.has(key) || at < target.since) continue;
        seenEvents.add(key);
        observer.event({ at, type: event.type, reason: event.reason, object: event.object, message: event.message });
      }
    };

    // A pod template other than ours means someone else rolled out another version meanwhile
    // (kubectl set image, another tool).
    let ourTemplate = target.template === undefined ? undefined : templateHash(target.template);
    // Seen at or after our change: its disappearance from a synced cache is a deletion.
    let seen = false;
    // The outcome waits for the pods cache to have synced once, so it always names the pods.
    let podsListed = false;
    // The Deployment can report the rollout complete a moment before the pods cache has the last
    // pod turning ready or the old ones going: the outcome waits for the pods to agree (as many
    // ready pods running the Deployment's images as it counts ready) and goes with what it has
    // after twice POD_SETTLE_MS.
    let completeAt: number | undefined;
    // A verdict also waits for the events cache to have listed once (a cold namespace's list can
    // come after the Deployment's), so the release's timeline names the events that led to it
    // (ScalingReplicaSet, FailedScheduling); it goes without them after EVENTS_SETTLE_MS.
    let failedAt: number | undefined;
    const agree = (current: SlimDeployment, ready: number) =>
      [...pods.values()].filter(
        (pod) => allReady(pod) && pod.status !== "Terminating" && pod.images.join("\n") === current.images.join("\n"),
      ).length >= ready;
    const evaluate = () => {
      if (settled) return;
      if (deployments.cache.synced) {
        const cached = deployments.cache.objects.get(target.deployment);
        if (cached && cached.generation >= (target.generation ?? 0)) {
          deployment = cached;
          seen = true;
        } else if (!cached && seen) {
          finish({
            phase: "gone",
            message: `Deployment ${target.deployment} was deleted`,
            messageData: message("releaseText.deploymentDeleted", { name: target.deployment }),
          });
          return;
        }
      }
      podsListed ||= podCache.cache.synced;
      if (!deployment || !podsListed) return;
      const progress = rolloutProgress(deployment, target.since);
      const lines = podLines();
      observer.progress(progress, lines);
      ourTemplate ??= deployment.templateHash;
      if (deployment.templateHash !== ourTemplate) {
        const by = deployment.templateManager;
        const text = by ? message("releaseText.supersededBy", { manager: by }) : message("releaseText.superseded");
        finish({
          phase: "superseded",
          messageData: progress.revision
            ? message("releaseText.atRevision", { text, revision: progress.revision })
            : text,
          message: `Another pod template was rolled out during this release${by ? ` by "${by}"` : ""}${
            progress.revision ? ` (the Deployment is now at revision ${progress.revision})` : ""
          }`,
        });
        return;
      }
      if (progress.phase === "complete") {
        completeAt ??= Date.now();
        const waited = Date.now() - completeAt;
        if (waited < 2 * POD_SETTLE_MS && !agree(deployment, progress.ready)) return;
        if (waited < EVENTS_SETTLE_MS && !eventCache.cache.synced) return;
        report();
        finish({ phase: "complete", progress, pods: lines, message: progress.message });
        return;
      }
      if (progress.phase === "failed") {
        failedAt ??= Date.now();
        if (Date.now() - failedAt < EVENTS_SETTLE_MS && !eventCache.cache.synced) return;
        report();
        const waiting = lines.filter((pod) => !pod.ready);
        const reasons = waiting.map((pod) => `${pod.name}: ${pod.phase}${pod.reason ? ` (${pod.reason})` : ""}`);
        finish({
          phase: "failed",
          progress,
          pods: lines,
          message: [progress.message, ...reasons].join("\n"),
          messageData: messageLines([
            message("releaseText.deadlineExceeded", {
              seconds: progress.progressDeadlineSeconds,
              detail: progress.failure ?? "",
            }),
            ...waiting.map((pod) =>
              pod.reason
                ? message("releaseText.podStateWhy", { pod: pod.name, phase: pod.phase, reason: pod.reason })
                : message("releaseText.podState", { pod: pod.name, phase: pod.phase }),
            ),
          ]),
        });
      }
    };

    // Gives up when the caches could not resync for longer than the rollout may take, or the
    // controller never gave a verdict within it. The events cache is not needed for a verdict.
    const startedAt = Date.now();
    const timer = setInterval(() => {
      const unsynced = [deployments, podCache].find(({ cache }) => !cache.synced);
      if (!unsynced) lastContact = Date.now();
      else lastError = unsynced.cache.health().lastError ?? lastError;
      evaluate();
      const deadlineSeconds = deployment?.progressDeadlineSeconds ?? 600;
      const limitMs = (deadlineSeconds + 30) * 1_000;
      if (Date.now() - lastContact > limitMs)
        finish({ phase: "unreachable", message: lastError || `${client.environment}: cluster unreachable` });
      else if (Date.now() - startedAt > limitMs * 2)
        finish({
          phase: "timeout",
          message: `The rollout did not finish within ${(limitMs * 2) / 1000} s`,
          messageData: message("releaseText.rolloutTimeout", { seconds: (limitMs * 2) / 1000 }),
        });
    }, 1_000);
    timer.unref();

    unsubscribes.push(
      deployments.cache.subscribe((changed) => {
        if (changed === undefined || changed === target.deployment) evaluate();
      }),
      podCache.cache.subscribe((changed) => {
        if (trackPods(changed)) evaluate();
      }),
      eventCache.cache.subscribe((changed) => {
        report(changed);
        // Its first list may be what a verdict waits for.
        if (changed === undefined) evaluate();
      }),
    );
    signal.addEventListener("abort", onAbort);
    if (signal.aborted) onAbort();
    // Caches already warm answer at once.
    trackPods();
    report();
    evaluate();
  });
}
