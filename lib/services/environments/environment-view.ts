import "server-only";
import type { ConnectionCheck } from "@/lib/kube/check-connection";

// What pages get to see of an environment: everything but the kubeconfig.
export type EnvironmentView = {
  id: string;
  name: string;
  displayName: string;
  protected: boolean;
  position: number;
  clusterMode: "kubeconfig" | "in_cluster";
  hasKubeconfig: boolean;
  clusterServer: string | null;
  clusterContext: string | null;
  namespacePattern: string;
  registryId: string | null;
  autoDeploy: boolean;
  refuseCritical: boolean;
  maxReplicas: number;
  autoRollback: boolean;
  checkedAt: Date | null;
  check: ConnectionCheck | null;
};

type EnvironmentRow = Omit<EnvironmentView, "hasKubeconfig" | "check"> & {
  kubeconfigEncrypted: string | null;
  checkResult: unknown;
};

export function toEnvironmentView(row: EnvironmentRow): EnvironmentView {
  const { kubeconfigEncrypted, checkResult, ...rest } = row;
  return {
    ...rest,
    hasKubeconfig: Boolean(kubeconfigEncrypted),
    check: (checkResult as ConnectionCheck | null) ?? null,
  };
}

export function renderNamespace(pattern: string, values: { team: string; env: string }): string {
  return pattern.replaceAll("{team}", values.team).replaceAll("{env}", values.env);
}
