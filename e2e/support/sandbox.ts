// kubectl as the test sandbox's admin (the cluster the end-to-end server uses), for arranging
// what another field manager would do.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export function kubectl(...args: string[]): string {
  const root = join(import.meta.dirname, "..", "..");
  return execFileSync("bash", [join(root, "sandbox", "ctl.sh"), "kubectl", ...args], {
    env: {
      ...process.env,
      SANDBOX_DIR: process.env.SLIPWAY_TEST_SANDBOX_DIR ?? join(root, ".data", "test-sandbox"),
      SANDBOX_PORT: process.env.SLIPWAY_TEST_SANDBOX_PORT ?? "17443",
    },
    encoding: "utf8",
  });
}
