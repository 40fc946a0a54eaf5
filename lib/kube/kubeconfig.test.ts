import { describe, expect, it } from "vitest";
import { kubeconfigFor } from "@/test/kubeconfigs";
import { KubeconfigError, parseKubeconfig } from "./kubeconfig";

function failure(text: string): string {
  try {
    parseKubeconfig(text);
  } catch (error) {
    if (error instanceof KubeconfigError) return error.messageKey;
    throw error;
  }
  return "parsed";
}

describe("parseKubeconfig", () => {
  it("reads the server and context of a valid kubeconfig", () => {
    const parsed = parseKubeconfig(kubeconfigFor("https://127.0.0.1:6443"));
    expect(parsed).toMatchObject({ server: "https://127.0.0.1:6443", context: "test" });
  });

  it("names what is wrong with a bad one", () => {
    expect(failure("{{ not: yaml")).toBe("kubeconfig.notYaml");
    expect(failure(kubeconfigFor("https://127.0.0.1:6443", { context: null }))).toBe("kubeconfig.noContext");
    expect(failure(kubeconfigFor("https://127.0.0.1:6443", { context: "elsewhere" }))).toBe("kubeconfig.noContext");
    const exec = kubeconfigFor("https://127.0.0.1:6443").replace(
      "    token: secret-token-value-123",
      "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh",
    );
    expect(failure(exec)).toBe("kubeconfig.notInline");
  });
});
