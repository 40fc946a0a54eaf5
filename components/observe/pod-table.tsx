"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Ago } from "@/components/i18n/time";
import { formatDuration } from "@/lib/i18n/clock";
import { Badge } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { PodSummary } from "@/lib/kube/pods";

export type PodRow = Omit<PodSummary, "containers">;

// States a pod passes through on its way up; anything else that is not Running is a failure.
const TRANSIENT = /^(Pending|ContainerCreating|PodInitializing|Terminating|NotReady|Init:\d+\/\d+)$/;

function tone(pod: PodRow): "green" | "amber" | "red" | "slate" {
  if (pod.status === "Running") return pod.readyContainers === pod.totalContainers ? "green" : "amber";
  if (pod.status === "Completed" || pod.status === "Succeeded") return "slate";
  return TRANSIENT.test(pod.status) ? "amber" : "red";
}

// `now`: when the server read the pods, so ages read the same in the server's render and the
// browser's.
export function PodTable({ pods, now }: { pods: PodRow[]; now: string }) {
  const { t } = useI18n();
  return (
    <Table
      head={[
        t("observe.pod.name"),
        t("observe.pod.status"),
        t("observe.pod.ready"),
        t("observe.pod.restarts"),
        t("observe.pod.node"),
        t("observe.pod.age"),
        t("observe.pod.image"),
      ]}
    >
      {pods.map((pod) => (
        <tr key={pod.name} data-testid="pod-row">
          <Td className="font-mono text-xs whitespace-nowrap">
            <span translate="no">{pod.name}</span>
          </Td>
          <Td>
            <Badge tone={tone(pod)}>
              <span translate="no">{pod.status}</span>
            </Badge>
          </Td>
          <Td className="tabular-nums">{`${pod.readyContainers}/${pod.totalContainers}`}</Td>
          <Td className="whitespace-nowrap tabular-nums">
            {pod.restarts}
            {pod.lastRestartAt ? (
              <span className="ml-1 text-xs text-slate-500">
                (<Ago value={pod.lastRestartAt} now={now} />)
              </span>
            ) : null}
          </Td>
          <Td className="text-xs whitespace-nowrap">
            <span translate="no">{pod.node ?? "—"}</span>
          </Td>
          <Td className="whitespace-nowrap tabular-nums">
            {pod.createdAt ? formatDuration(new Date(now).getTime() - new Date(pod.createdAt).getTime(), t) : ""}
          </Td>
          <Td className="font-mono text-xs">
            <span translate="no">{pod.images.join(", ")}</span>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
