import { KubeConfig } from "@kubernetes/client-node";

export type ParsedKubeconfig = { config: KubeConfig; server: string; context: string };

export class KubeconfigError extends Error {
  constructor(
    readonly messageKey: "kubeconfig.notYaml" | "kubeconfig.noContext" | "kubeconfig.noCluster" | "kubeconfig.exec",
    message: string,
  ) {
    super(message);
    this.name = "KubeconfigError";
  }
}

// Reads a kubeconfig the way kubectl would: YAML, a current context, and that context's
// cluster with a server URL. Exec-based auth plugins are refused: Slipway runs no programs a
// kubeconfig names.
export function parseKubeconfig(text: string): ParsedKubeconfig {
  const config = new KubeConfig();
  try {
    config.loadFromString(text);
  } catch (error) {
    throw new KubeconfigError(
      "kubeconfig.notYaml",
      `not a kubeconfig: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const context = config.getCurrentContext();
  if (!context || !config.getContextObject(context)) {
    throw new KubeconfigError(
      "kubeconfig.noContext",
      "the kubeconfig has no current-context (or it names a missing context)",
    );
  }
  const cluster = config.getCurrentCluster();
  if (!cluster?.server) {
    throw new KubeconfigError("kubeconfig.noCluster", `the context ${context} names no cluster with a server URL`);
  }
  if (config.getCurrentUser()?.exec) {
    throw new KubeconfigError(
      "kubeconfig.exec",
      "exec credential plugins are not supported; use a token or client certificate",
    );
  }
  return { config, server: cluster.server, context };
}
