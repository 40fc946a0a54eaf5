// Clients for the test sandbox (started by test/global-setup.ts): the cluster admin, for
// arranging and inspecting, and Slipway's own identity, for what Slipway does.
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { buildClient, type KubeClient } from "@/lib/kube/client";
import { parseKubeconfig } from "@/lib/kube/kubeconfig";

export function sandboxKubeconfig(which: "admin" | "slipway"): string {
  const sandbox = inject("sandbox");
  return readFileSync(which === "admin" ? sandbox.adminKubeconfig : sandbox.slipwayKubeconfig, "utf8");
}

export function sandboxClient(which: "admin" | "slipway"): KubeClient {
  return buildClient(`sandbox-${which}`, parseKubeconfig(sandboxKubeconfig(which)).config);
}

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}
