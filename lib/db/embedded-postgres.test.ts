import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

describe("embedded-postgres wrapper", () => {
  it("does not swallow the exit code of the process that loads it", () => {
    const script = `import "./lib/db/embedded-postgres.ts"; process.exitCode = 3;`;
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules", "tsx", "dist", "cli.mjs"), "--eval", script],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
  });
});
