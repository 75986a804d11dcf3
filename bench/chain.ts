/**
 * The longest chain of dependent requests in one check: the most of its exchanges that ran one after another
 * (each sent after the previous answered), plus the DELETEs its cleanup ledger sends in turn afterwards. At a
 * latency of L per request no number of workers gets that check done in less than chain × L.
 */
export interface Timed {
  /** ms after the check began; without it the exchanges count as sent one after another. */
  startMs?: number;
  ms: number;
}

export function longestChain(exchanges: readonly Timed[], cleanupRequests = 0): number {
  if (exchanges.some((e) => e.startMs === undefined)) return exchanges.length + cleanupRequests;
  // The most intervals that do not overlap: take them by earliest end, each starting after the last one taken
  // ended. Both times are rounded to the ms, so a start up to 1 ms before that end still counts as after it.
  const byEnd = [...exchanges].map((e) => ({ start: e.startMs as number, end: (e.startMs as number) + e.ms })).sort((a, b) => a.end - b.end);
  let chain = 0;
  let end = -Infinity;
  for (const e of byEnd) {
    if (e.start >= end - 1) {
      chain++;
      end = e.end;
    }
  }
  return chain + cleanupRequests;
}
