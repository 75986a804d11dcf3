/**
 * Escrow and quarantine during a cycle (docs/entra-behaviour.md §4.7, §4.8): a failed operation is escrowed on the retry
 * schedule (a credential failure aborts the cycle), a deletion above the accidental-deletion threshold is held
 * back, and after the cycle the job is quarantined — or let out — from what it saw. A job quarantined for more
 * than four weeks is disabled until a restart.
 */
import { HarnessError } from '../../core/errors.js';
import { CREDENTIAL, OperationFailure, type ErrorCode } from '../escrow/error-codes.js';
import { ExpressionRuntimeError } from '../expressions/errors.js';
import { DEFAULT_QUARANTINE_POLICY, escrowQuarantine, nextRetryAt, QUARANTINE_DISABLE_AFTER } from '../escrow/schedule.js';
import { addLog, escrowKey, type CycleContext } from './context.js';
import type { ObjectRun } from './object-run.js';
import type { EscrowOp, JobState, Link, Quarantine, SourceType } from './state.js';
import type { SimulatedClock } from './clock.js';
import type { Outcome } from './types.js';

/** Refuses a cycle of a disabled job (disabling one quarantined too long first); returns the cycle's time. */
export function admitCycle(state: JobState, clock: SimulatedClock): number {
  if (state.get('disabled')) {
    throw new HarnessError('HARNESS_CONFIG', `the provisioning job was disabled after more than 4 weeks in quarantine (${state.get('disabled')}); run "idp restart" to start over`);
  }
  const now = clock.now();
  const quarantined = state.quarantine();
  if (quarantined && now - quarantined.since > QUARANTINE_DISABLE_AFTER) {
    state.set('disabled', `${quarantined.reason}: ${quarantined.detail}`);
    throw new HarnessError('HARNESS_CONFIG', `the provisioning job has been quarantined for more than 4 weeks (${quarantined.reason}) and is now disabled; fix the cause and run "idp restart"`);
  }
  return now;
}

/** The operation succeeded (or has nothing left to do): its escrow entry, if any, goes. */
export function clearEscrow(ctx: CycleContext, type: SourceType, id: string, op: EscrowOp): void {
  const key = escrowKey(type, id, op);
  if (!ctx.escrowed.has(key)) return;
  ctx.job.state.clearEscrow(type, id, op);
  ctx.escrowed.delete(key);
}

export function stageDeletion(ctx: CycleContext, type: SourceType, id: string, name: string, link: Link | undefined, run: ObjectRun): Outcome {
  run.step('processing', 'skipped', 'Held back: the accidental-deletion threshold is exceeded');
  ctx.job.state.putEscrow({ type, id, op: 'object', reference: false, attempts: 0, firstFailedAt: ctx.now, nextRetryAt: ctx.now, code: 'StagedDelete', message: 'held back by the accidental-deletion threshold' });
  ctx.escrowed.add(escrowKey(type, id, 'object'));
  addLog(ctx, {
    at: ctx.now, durationMs: run.durationMs, action: 'stagedDelete', status: 'skipped', sourceType: type, sourceId: id, sourceName: name,
    ...(link ? { targetId: link.targetId } : {}), errorCode: 'StagedDelete', errorReason: 'Above the accidental-deletion threshold: allow the deletes (idp sync --allow-deletes) or restart',
    steps: run.steps, modified: [],
  });
  return 'staged';
}

/** A failed operation: escrow it on the retry schedule, log it, and quarantine the job on credential errors. */
export function failed(ctx: CycleContext, type: SourceType, id: string, op: EscrowOp, err: unknown, run: ObjectRun, log: (code: ErrorCode, reason: string) => void): Outcome {
  let failure: OperationFailure;
  if (err instanceof OperationFailure) failure = err;
  else if (err instanceof ExpressionRuntimeError) failure = new OperationFailure('ExpressionEvaluationFailed', err.message);
  else throw err;
  run.step('export', 'failure', failure.message);
  if (CREDENTIAL.has(failure.code)) ctx.abort ??= { reason: 'EncounteredQuarantineException', message: `invalid credentials: ${failure.message}` };
  const state = ctx.job.state;
  const prev = state.escrowEntry(type, id, op);
  const attempts = (prev?.attempts ?? 0) + 1;
  const first = prev?.firstFailedAt ?? ctx.now;
  const next = nextRetryAt(failure.code, attempts, first, ctx.now);
  if (next === null) {
    state.clearEscrow(type, id, op);
    log(failure.code, `${failure.message} (escrow expired: retried for 28 days)`);
  } else {
    state.putEscrow({ type, id, op, reference: failure.reference || op !== 'object', attempts, firstFailedAt: first, nextRetryAt: next, code: failure.code, message: failure.message });
    ctx.escrowed.add(escrowKey(type, id, op));
    log(failure.code, failure.message);
  }
  return 'failed';
}

/** The job's quarantine after a cycle: an abort, staged deletions or the escrow thresholds put it there. */
export function evaluateQuarantine(ctx: CycleContext, allowDeletes: boolean): Quarantine | undefined {
  const { state, mappings, opts } = ctx.job;
  const previous = state.quarantine();
  let next: Quarantine | undefined;
  if (ctx.abort) next = { reason: ctx.abort.reason, since: previous?.since ?? ctx.now, detail: ctx.abort.message };
  else if (ctx.stage) next = { reason: 'TooManyDeletes', since: previous?.since ?? ctx.now, detail: `${ctx.counts.staged} disables/deletes held back: above the accidental-deletion threshold of ${mappings.settings.accidentalDeletionThreshold}` };
  else {
    const c = state.escrowCounts();
    const successes = ctx.counts.created + ctx.counts.updated + ctx.counts.disabled + ctx.counts.deleted + ctx.counts.unchanged + ctx.counts.reference;
    const reason = escrowQuarantine({ ...c, successes }, opts.quarantinePolicy ?? DEFAULT_QUARANTINE_POLICY);
    if (reason) next = { reason, since: previous?.since ?? ctx.now, detail: `${c.failures} failures and ${c.referenceFailures} reference failures in escrow, ${successes} successes this cycle` };
    else if (previous?.reason === 'TooManyDeletes' && !allowDeletes) next = previous;
  }
  // A cycle with successes and no new trigger takes the job out of quarantine (§4.7).
  state.setQuarantine(next);
  return next;
}
