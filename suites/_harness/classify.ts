/**
 * How a check's end becomes its verdict: n/a and blocked from the harness's own signals, fail or warn (by the level
 * of the requirements the failure broke) from a ConformanceFailure, error from a TargetError, and a HarnessError —
 * or anything else thrown — as our own bug. Pure, so the rules are unit-tested without a Playwright run.
 */
import { ConformanceFailure, HarnessError, TargetError } from '../../core/errors.js';
import type { CheckRecord } from '../../core/evidence.js';
import type { Level, Requirement } from '../../core/requirements.js';
import { Blocked, NotApplicable } from './verdicts.js';

const LEVEL_ORDER: Record<Level, number> = { MUST: 3, COND: 2, SHOULD: 1 };

/** The strongest level of the requirements (MUST > COND > SHOULD). */
export function strongest(reqs: readonly Requirement[]): Level {
  return [...reqs].map((r) => r.level).sort((a, b) => LEVEL_ORDER[b] - LEVEL_ORDER[a])[0] ?? 'MUST';
}

export interface Outcome {
  fields: Partial<CheckRecord>;
  rethrow?: Error;
  skipReason?: string;
}

export function classify(err: unknown, reqs: Requirement[], checkLevel: Level): Outcome {
  if (err instanceof NotApplicable) return { fields: { status: 'na', reason: err.reason, message: err.reason }, skipReason: `n/a: ${err.reason}` };
  if (err instanceof Blocked) {
    return { fields: { status: 'blocked', blockedBy: err.blockedBy, message: err.message, ...(err.code ? { errorCode: err.code } : {}) }, skipReason: err.message };
  }
  if (err instanceof ConformanceFailure) {
    const broken = err.details.requirements?.length ? err.details.requirements : reqs.map((r) => r.id);
    const brokenReqs = reqs.filter((r) => broken.includes(r.id));
    const level = brokenReqs.length ? strongest(brokenReqs) : checkLevel;
    const primary = brokenReqs[0] ?? reqs[0];
    const message = formatFailure(err, primary);
    const fields: Partial<CheckRecord> = {
      status: level === 'SHOULD' ? 'warn' : 'fail',
      message,
      broken: brokenReqs.length ? brokenReqs.map((r) => r.id) : reqs.map((r) => r.id),
      errorCode: err.code,
      ...(err.details.expected !== undefined ? { expected: err.details.expected } : {}),
      ...(err.details.actual !== undefined ? { actual: err.details.actual } : {}),
      ...(primary ? { hint: primary.hint } : {}),
    };
    // SHOULD broken → warn: the Playwright test passes, the record says warn.
    return level === 'SHOULD' ? { fields } : { fields, rethrow: new Error(message) };
  }
  if (err instanceof TargetError) {
    return { fields: { status: 'error', message: err.message, errorCode: err.code }, rethrow: err };
  }
  const harness = err instanceof HarnessError ? err : new HarnessError('HARNESS_INTERNAL', `scim-conform bug: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  return { fields: { status: 'error', message: harness.message, errorCode: harness.code }, rethrow: harness };
}

/** h2spec style: the requirement sentence, Expected, Actual, the exchange number, the fix hint. */
export function formatFailure(err: ConformanceFailure, r: Requirement | undefined): string {
  const lines = [`${r ? `[${r.id}] ${r.statement}` : err.message}`, `  ${err.message}`];
  if (err.details.expected !== undefined) lines.push(`  Expected: ${err.details.expected}`);
  if (err.details.actual !== undefined) lines.push(`  Actual:   ${err.details.actual}`);
  if (err.details.exchange !== undefined) lines.push(`  Exchange: #${err.details.exchange}`);
  if (r) lines.push(`  Fix: ${r.hint}`);
  return lines.join('\n');
}
