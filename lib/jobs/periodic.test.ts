import { afterEach, describe, expect, it, vi } from "vitest";
import { startPeriodicWork } from "./periodic";

describe("periodic work beside the workers", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("runs every period, keeps going after a failure, never overlaps itself, and stops with no timer left", async () => {
    vi.useFakeTimers();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    let runs = 0;
    let finishSlow!: () => void;
    const stop = startPeriodicWork([
      {
        name: "sweep",
        everySeconds: 5,
        run: async () => {
          runs += 1;
          if (runs === 1) throw new Error("database restarting");
          // The third run hangs until released: the periods meanwhile start nothing.
          if (runs === 3) await new Promise<void>((resolve) => (finishSlow = resolve));
        },
      },
    ]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(1);
    expect(console.error).toHaveBeenCalledWith("[slipway] sweep:", "database restarting");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(3);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(runs).toBe(3);
    finishSlow();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(4);
    await stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(4);
  });
});
