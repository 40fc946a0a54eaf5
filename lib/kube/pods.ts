import "server-only";
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import type { KubeClient } from "./client";

// One row of `kubectl get pods -o wide`, plus what the log viewer needs to pick a container.
export type PodSummary = {
  name: string;
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  // Age of the last restart, as kubectl prints "3 (2m ago)".
  lastRestart: string | null;
  node: string | null;
  age: string;
  // The same two moments as ISO times, for pages that say them in the reader's words.
  lastRestartAt: string | null;
  createdAt: string | null;
  images: string[];
  // Main containers first, then init containers (their logs explain a pod stuck in Init:).
  containers: string[];
};

// kubectl's duration.HumanDuration: coarser as the duration grows.
export function formatAge(since: Date, now: Date): string {
  const seconds = Math.floor((now.getTime() - since.getTime()) / 1000);
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (days < 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

function exitReason(terminated: { reason?: string; signal?: number; exitCode: number }): string {
  if (terminated.reason) return terminated.reason;
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
}

// Objects from a watch carry times as strings (client-node does not deserialise watch events).
function later(current: Date | null, candidate: Date | string | undefined): Date | null {
  const at = candidate === undefined ? undefined : new Date(candidate);
  return at && (!current || at > current) ? at : current;
}

type Tally = { reason: string; ready: number; restarts: number; lastRestart: Date | null };

// Init containers run in order; the first one that has not finished names the pod's state.
// Sidecars (restartPolicy Always) count like main containers.
function tallyInit(
  pod: V1Pod,
  tally: Tally,
): { initializing: boolean; sidecars: Pick<Tally, "restarts" | "lastRestart"> } {
  const specs = pod.spec?.initContainers ?? [];
  const sidecars = { restarts: 0, lastRestart: null as Date | null };
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [index, status] of statuses.entries()) {
    tally.restarts += status.restartCount;
    tally.lastRestart = later(tally.lastRestart, status.lastState?.terminated?.finishedAt);
    const sidecar = specs.find((c) => c.name === status.name)?.restartPolicy === "Always";
    if (sidecar) {
      sidecars.restarts += status.restartCount;
      sidecars.lastRestart = later(sidecars.lastRestart, status.lastState?.terminated?.finishedAt);
    }
    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting?.reason;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && status.started) {
      if (status.ready) tally.ready++;
      continue;
    }
    if (terminated) tally.reason = `Init:${exitReason(terminated)}`;
    else if (waiting && waiting !== "PodInitializing") tally.reason = `Init:${waiting}`;
    else tally.reason = `Init:${index}/${specs.length}`;
    return { initializing: true, sidecars };
  }
  return { initializing: false, sidecars };
}

// The last container with a waiting or terminated reason names the pod's state, as kubectl does.
function tallyMain(statuses: V1ContainerStatus[], tally: Tally): boolean {
  let running = false;
  for (const status of [...statuses].reverse()) {
    tally.restarts += status.restartCount;
    tally.lastRestart = later(tally.lastRestart, status.lastState?.terminated?.finishedAt);
    const terminated = status.state?.terminated;
    if (status.state?.waiting?.reason) tally.reason = status.state.waiting.reason;
    else if (terminated) tally.reason = exitReason(terminated);
    else if (status.ready && status.state?.running) {
      running = true;
      tally.ready++;
    }
  }
  return running;
}

// kubectl's STATUS, READY and RESTARTS columns (printPod in kubectl's printers).
export function summarisePod(pod: V1Pod, now: Date): PodSummary {
  const tally: Tally = {
    reason: pod.status?.reason || pod.status?.phase || "Unknown",
    ready: 0,
    restarts: 0,
    lastRestart: null,
  };
  const initContainers = pod.spec?.initContainers ?? [];
  const sidecarCount = initContainers.filter((c) => c.restartPolicy === "Always").length;
  const { initializing, sidecars } = tallyInit(pod, tally);
  const initialized = pod.status?.conditions?.some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initialized) {
    Object.assign(tally, sidecars);
    const running = tallyMain(pod.status?.containerStatuses ?? [], tally);
    if (tally.reason === "Completed" && running) {
      const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
      tally.reason = ready ? "Running" : "NotReady";
    }
  }
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === "NodeLost") tally.reason = "Unknown";
  else if (pod.metadata?.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") tally.reason = "Terminating";
  const containers = pod.spec?.containers ?? [];
  const created = pod.metadata?.creationTimestamp;
  return {
    name: pod.metadata?.name ?? "",
    status: tally.reason,
    readyContainers: tally.ready,
    totalContainers: containers.length + sidecarCount,
    restarts: tally.restarts,
    lastRestart: tally.lastRestart ? formatAge(tally.lastRestart, now) : null,
    node: pod.spec?.nodeName ?? null,
    age: created ? formatAge(new Date(created), now) : "",
    lastRestartAt: tally.lastRestart?.toISOString() ?? null,
    createdAt: created ? new Date(created).toISOString() : null,
    images: containers.map((c) => c.image ?? ""),
    containers: [...containers, ...initContainers].map((c) => c.name),
  };
}

// A pod as a cache keeps it (lib/kube/watch-cache/kinds.ts): the summary without the two ages,
// which are said relative to the moment of reading.
export type PodState = Omit<PodSummary, "age" | "lastRestart">;

// Every container ready (kubectl's READY n/n).
export function allReady(pod: Pick<PodState, "readyContainers" | "totalContainers">): boolean {
  return pod.totalContainers > 0 && pod.readyContainers === pod.totalContainers;
}

export function withAges(pod: PodState, now: Date): PodSummary {
  return {
    ...pod,
    lastRestart: pod.lastRestartAt ? formatAge(new Date(pod.lastRestartAt), now) : null,
    age: pod.createdAt ? formatAge(new Date(pod.createdAt), now) : "",
  };
}

// A pod's labels and container names: enough to check that a log request stays within an app.
export async function readPodContainers(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<{ labels: Record<string, string>; containers: string[] }> {
  const pod = await client.call((c) => c.core.readNamespacedPod({ name, namespace }));
  return {
    labels: pod.metadata?.labels ?? {},
    containers: [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.name),
  };
}
