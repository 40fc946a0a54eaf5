import "server-only";
import { AppError } from "@/lib/errors";
import { clusterFor } from "@/lib/kube/client";
import { streamLog } from "@/lib/kube/logs";
import { readPodContainers } from "@/lib/kube/pods";
import type { ContainerLogQuery } from "@/lib/validations/observe";
import { INSTANCE_LABEL, observeTarget } from "./observe-target";

export type ContainerLogInput = Omit<ContainerLogQuery, "env"> & { appId: string; environmentId: string };

// The log of one container as text chunks: the tail, then (with follow) what the container
// writes until `signal` aborts. The pod must carry the app's instance label: a namespace is
// shared by all apps of a team, and a reader of this app's page asks only for this app's logs.
export async function* readContainerLog(input: ContainerLogInput, signal: AbortSignal): AsyncGenerator<string> {
  const target = await observeTarget(input.appId, input.environmentId);
  const client = clusterFor(target.environment);
  const pod = await readPodContainers(client, target.namespace, input.pod);
  if (pod.labels[INSTANCE_LABEL] !== target.instance) {
    throw new AppError("not_found", `Pod ${input.pod} does not belong to ${target.instance}.`, {
      field: "pod",
      messageKey: "observe.logs.notAppPod",
      values: { pod: input.pod, instance: target.instance },
    });
  }
  if (!pod.containers.includes(input.container)) {
    throw new AppError("invalid_input", `Pod ${input.pod} has no container ${input.container}.`, {
      field: "container",
      messageKey: "observe.logs.unknownContainer",
      values: { pod: input.pod, container: input.container, containers: pod.containers.join(", ") },
    });
  }
  const request = {
    namespace: target.namespace,
    pod: input.pod,
    container: input.container,
    tailLines: input.tailLines,
    previous: input.previous,
    follow: input.follow,
  };
  for await (const chunk of await streamLog(client, request, signal)) yield chunk as string;
}
