// Runs the release engine's model-based test: `runs` random sequences of 5-15 operations, each
// on a fresh app, sequence i with seed `seed + i` so any failure replays on its own
// (RELEASE_MODEL_SEED=<seed> RELEASE_MODEL_RUNS=1). Failures do not stop the run: a soak reports
// every one, with its seed and its steps.
import fc from "fast-check";
import { COMMANDS, firstDeploy, initialModel } from "./commands";
import { makeReal, type ModelWorld } from "./world";

export type SequenceFailure = { seed: number; steps: string; error: string };
export type SoakReport = { runs: number; failures: SequenceFailure[]; steps: number; ms: number };

let appIndex = 0;

export async function runSequences(
  base: ModelWorld,
  options: { runs: number; seed: number; log?: (line: string) => void },
): Promise<SoakReport> {
  const started = Date.now();
  const report: SoakReport = { runs: 0, failures: [], steps: 0, ms: 0 };
  for (let i = 0; i < options.runs; i++) {
    const seed = options.seed + i;
    const at = Date.now();
    let steps: string[] = [];
    const property = fc.asyncProperty(
      fc.commands(COMMANDS, { maxCommands: 14 }).filter((commands) => [...commands].length >= 4),
      async (commands) => {
        const real = await makeReal(base, appIndex++);
        const all = [firstDeploy(), ...commands];
        steps = all.map(String);
        await fc.asyncModelRun(() => ({ model: initialModel(), real }), all);
      },
    );
    // No shrinking: every step is real work on the cluster; the seed replays the sequence.
    const result = await fc.check(property, { numRuns: 1, seed, endOnFailure: true });
    report.runs++;
    report.steps += steps.length;
    const seconds = ((Date.now() - at) / 1000).toFixed(0);
    if (result.failed) {
      const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.error);
      report.failures.push({ seed, steps: steps.join(" -> "), error });
      options.log?.(
        `[model] sequence ${i + 1}/${options.runs} seed=${seed} FAILED after ${seconds}s\n  steps: ${steps.join(" -> ")}\n  ${error}`,
      );
    } else
      options.log?.(
        `[model] sequence ${i + 1}/${options.runs} seed=${seed}: ${steps.length} steps ok (${seconds}s): ${steps.join(" -> ")}`,
      );
  }
  report.ms = Date.now() - started;
  return report;
}
