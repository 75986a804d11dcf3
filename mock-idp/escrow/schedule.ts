/**
 * Escrow retry schedule and quarantine thresholds (docs/entra-behaviour.md §4.7, §4.8). Times are simulated-clock
 * milliseconds; everything here is a pure function so the self-tests can pin the documented numbers.
 */
import { TRANSIENT, type ErrorCode } from './error-codes.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Incremental cycles run about every 40 minutes; once a day while quarantined. */
export const CYCLE_INTERVAL = 40 * MINUTE;
export const QUARANTINE_INTERVAL = DAY;
export const ESCROW_LIFETIME = 28 * DAY;
export const QUARANTINE_DISABLE_AFTER = 28 * DAY;

/**
 * When to retry after the `attempt`-th consecutive failure (1-based): transient errors in the next cycle,
 * others 6 h, then 12 h, then 24 h, then every 24 h. Null once 28 days have passed since the first failure:
 * the escrow entry is dropped.
 */
export function nextRetryAt(code: ErrorCode, attempt: number, firstFailedAt: number, failedAt: number): number | null {
  const gap = TRANSIENT.has(code) ? CYCLE_INTERVAL : attempt <= 1 ? 6 * HOUR : attempt === 2 ? 12 * HOUR : DAY;
  const next = failedAt + gap;
  return next - firstFailedAt > ESCROW_LIFETIME ? null : next;
}

export interface QuarantinePolicy {
  /** Evaluation starts at this many (non-reference) failures. */
  minFailures: number;
  /** Quarantine above this share of failed events. */
  proportion: number;
  /** …or above this many non-reference failures. */
  maxFailures: number;
  /** …or at this many failures including reference failures. */
  absolute: number;
}
export const DEFAULT_QUARANTINE_POLICY: QuarantinePolicy = { minFailures: 5_000, proportion: 0.4, maxFailures: 40_000, absolute: 60_000 };

/** Graph synchronizationJob quarantine reasons (synchronizationStatus.quarantine.reason). */
export type QuarantineReason =
  | 'EncounteredBaseEscrowThreshold' | 'EncounteredTotalEscrowThreshold' | 'EncounteredEscrowProportionThreshold'
  | 'EncounteredQuarantineException' | 'TooManyDeletes' | 'QuarantinedOnDemand';

/** Escrow thresholds: 45 000 failed → quarantine; 30 000 failed + 5 000 ok → quarantine; 20 000 + 100 000 → not. */
export function escrowQuarantine(
  counts: { failures: number; referenceFailures: number; successes: number },
  policy: QuarantinePolicy = DEFAULT_QUARANTINE_POLICY,
): QuarantineReason | null {
  if (counts.failures + counts.referenceFailures >= policy.absolute) return 'EncounteredTotalEscrowThreshold';
  if (counts.failures < policy.minFailures) return null;
  if (counts.failures > policy.maxFailures) return 'EncounteredBaseEscrowThreshold';
  if (counts.failures / (counts.failures + counts.successes) > policy.proportion) return 'EncounteredEscrowProportionThreshold';
  return null;
}

/** Parses `40m`, `6h`, `2d`, `90s` or a number of milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`bad duration ${JSON.stringify(text)}: use e.g. 40m, 6h, 2d`);
  const unit = { ms: 1, s: 1000, m: MINUTE, h: HOUR, d: DAY }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}
