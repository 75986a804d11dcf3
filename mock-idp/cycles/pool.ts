/** Bounded concurrency across objects, sequential per object: N workers pull from one (lazy) source. */

/** Objects in flight at once when a job does not say (Entra's and Okta's cycles, `idp --concurrency`, the console). */
export const DEFAULT_CONCURRENCY = 8;

export async function runPool<T>(source: Iterable<T>, concurrency: number, fn: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  const it = source[Symbol.iterator]();
  const worker = async (): Promise<void> => {
    for (;;) {
      if (stop()) return;
      const next = it.next();
      if (next.done) return;
      await fn(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** Keyset pagination over SQLite (no cursor held across awaits). */
export function* paged<T, K>(page: (after: K, limit: number) => T[], key: (row: T) => K, start: K, size = 500): Generator<T> {
  let after = start;
  for (;;) {
    const rows = page(after, size);
    for (const r of rows) yield r;
    if (rows.length < size) return;
    after = key(rows[rows.length - 1] as T);
  }
}

/** FNV-1a: a stable, fast hash to split objects into disjoint partitions. */
export function partitionOf(id: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % count) + 1;
}
