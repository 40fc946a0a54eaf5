// Runs in the release page before its own scripts (page.addInitScript). It notes when the page's
// EventSource delivers its first `state` event (from then on the server pushes every change),
// and every change of the replica counts the page shows: the time the DOM changed and the time
// of the next animation frame, when the browser paints it; and when each count tuple first
// arrived in a pushed state. Plain JavaScript in a string, so
// that nothing the TypeScript compiler adds has to exist in the page.
export const PROBE_SCRIPT = `(() => {
  const probe = { stateAt: null, shown: [], received: {} };
  window.__benchProbe = probe;
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      this.addEventListener("state", (event) => {
        const at = Date.now();
        if (probe.stateAt === null) probe.stateAt = at;
        // When each replica-count tuple first arrived, to split the server's path from the page's.
        const rollout = JSON.parse(event.data).rollout;
        if (!rollout) return;
        const tuple = [rollout.updated, rollout.ready, rollout.available].join(",");
        if (!(tuple in probe.received)) probe.received[tuple] = at;
      });
    }
  };
  let last = "";
  const read = () => {
    const values = ["updated", "ready", "available"].map(
      (name) => document.querySelector('[data-testid="count-' + name + '"]')?.textContent ?? null,
    );
    if (values.includes(null)) return;
    const tuple = values.join(",");
    if (tuple === last) return;
    last = tuple;
    const domAt = Date.now();
    requestAnimationFrame(() => probe.shown.push({ tuple, domAt, frameAt: Date.now() }));
  };
  new MutationObserver(read).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

export type ShownTuple = { tuple: string; domAt: number; frameAt: number };
export type ProbeRecord = { stateAt: number | null; shown: ShownTuple[]; received: Record<string, number> };
