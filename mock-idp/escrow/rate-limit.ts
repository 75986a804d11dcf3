/**
 * What the emulator does with a 429 (docs/entra-behaviour.md §4.9; Microsoft's statements conflict, so both are modes):
 * `ignore-and-escrow` fails the operation (retried next cycle); `honor-retry-after` pauses every worker for the
 * Retry-After period (capped) and retries the request, a few times at most.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { retryDelayMs } from '../../core/client/retry-delay.js';

export type RateLimitMode = 'ignore-and-escrow' | 'honor-retry-after';

export class RetryAfterGate {
  private pausedUntil = 0;
  readonly mode: RateLimitMode;
  readonly maxWaitMs: number;
  readonly maxRetries: number;
  /** Time spent paused, for the cycle summary. */
  waitedMs = 0;

  constructor(mode: RateLimitMode, opts: { maxWaitMs?: number; maxRetries?: number } = {}) {
    this.mode = mode;
    this.maxWaitMs = opts.maxWaitMs ?? 60_000;
    this.maxRetries = opts.maxRetries ?? 3;
  }

  /** Waits while a Retry-After pause is in force (every worker shares it). */
  async pass(): Promise<void> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) {
      this.waitedMs += wait;
      await sleep(wait);
    }
  }

  /** After a 429: true when the request should be retried (the pause is set), false when it should fail. */
  onTooManyRequests(retryAfter: string | undefined, retriesSoFar: number): boolean {
    if (this.mode !== 'honor-retry-after' || retriesSoFar >= this.maxRetries) return false;
    const delay = Math.min(retryDelayMs(retryAfter, retriesSoFar), this.maxWaitMs);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
    return true;
  }
}
