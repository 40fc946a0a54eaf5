// The release engine's model-based test (issue 10): random sequences of deploys, rollbacks,
// scaling, restarts, parameter changes, approvals, foreign edits and API server outages on the
// sandbox, with the invariants after every step (test/release-model/). `npm test` runs a
// few sequences; bench/soak runs many. Replay one: RELEASE_MODEL_SEED=<seed> RELEASE_MODEL_RUNS=1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestJobs, stopTestJobs } from "@/test/jobs";
import { runSequences } from "@/test/release-model/run-sequences";
import { makeModelWorld, type ModelWorld } from "@/test/release-model/world";

const RUNS = Number(process.env.RELEASE_MODEL_RUNS ?? 3);
const SEED = Number(process.env.RELEASE_MODEL_SEED ?? Date.now() % 1_000_000);

let base: ModelWorld;

beforeAll(async () => {
  base = await makeModelWorld();
  await startTestJobs();
});

afterAll(async () => {
  await stopTestJobs();
});

describe("the release engine under random sequences of operations", () => {
  it(
    `keeps the invariants over ${RUNS} sequences (seed ${SEED})`,
    async () => {
      const report = await runSequences(base, { runs: RUNS, seed: SEED, log: (line) => console.log(line) });
      console.log(
        `[model] ${report.runs} sequences, ${report.steps} steps, ${report.failures.length} failed, ${(report.ms / 1000).toFixed(0)}s (first seed ${SEED})`,
      );
      expect(report.failures).toEqual([]);
    },
    RUNS * 20 * 60_000,
  );
});
