// Rows that never change once written (template versions, manifests keyed by their content),
// kept per process after the first read. Bounded: past `max` entries the oldest goes.
export function immutableCache<V>(max: number) {
  const entries = new Map<string, V>();
  return {
    get: (key: string): V | undefined => entries.get(key),
    has: (key: string): boolean => entries.has(key),
    set(key: string, value: V): void {
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
    },
  };
}
