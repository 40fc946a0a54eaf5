"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
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

export function PodTable({ pods }: { pods: PodRow[] }) {
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
          <Td className="font-mono text-xs whitespace-nowrap">{pod.name}</Td>
          <Td>
            <Badge tone={tone(pod)}>{pod.status}</Badge>
          </Td>
          <Td className="tabular-nums">{`${pod.readyContainers}/${pod.totalContainers}`}</Td>
          <Td className="whitespace-nowrap tabular-nums">
            {pod.lastRestart
              ? t("observe.pod.lastRestart", { restarts: pod.restarts, age: pod.lastRestart })
              : pod.restarts}
          </Td>
          <Td className="text-xs whitespace-nowrap">{pod.node ?? "—"}</Td>
          <Td className="whitespace-nowrap tabular-nums">{pod.age}</Td>
          <Td className="font-mono text-xs">{pod.images.join(", ")}</Td>
        </tr>
      ))}
    </Table>
  );
}
