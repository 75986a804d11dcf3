/**
 * How long to wait before retrying a throttled or failed request. Its own module, without undici, because the
 * emulator's rate limiter needs it too and Playwright's runner loads the emulator when it lists the checks.
 */

/** Retry-After in seconds or as an HTTP date; otherwise exponential backoff from 250 ms. */
export function retryDelayMs(retryAfter: string | undefined, attempt: number): number {
  if (retryAfter) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return 250 * 2 ** attempt;
}
