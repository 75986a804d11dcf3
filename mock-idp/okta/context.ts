/**
 * What the Okta job's modules share. OktaParts: the job's options and stores — the same directory, links, logs
 * and clock as Entra's job, plus what Okta last pushed — its request builder and sending machinery. OktaRun: one
 * sync's (or one import's) id, simulated time, outcome counts and abort, built by newOktaRun() only.
 */
import { randomUUID } from 'node:crypto';
import type { ScimClient } from '../../core/client/scim-client.js';
import type { OktaAppMode, OktaUserUpdates } from '../../core/profile.js';
import type { SimulatedClock } from '../cycles/clock.js';
import { tally, zeroCounts, type OutcomeCounts } from '../cycles/context.js';
import { objectRunOf, type ObjectRun, type SendStats } from '../cycles/object-run.js';
import type { JobState, SourceType } from '../cycles/state.js';
import type { Outcome } from '../cycles/types.js';
import type { Db } from '../db.js';
import type { DirectoryStore } from '../directory/store.js';
import { CREDENTIAL, OperationFailure, type ErrorCode } from '../escrow/error-codes.js';
import type { RetryAfterGate } from '../escrow/rate-limit.js';
import type { LogEntry, LogStore, ProvisioningAction, ProvisioningStatus } from '../logs/store.js';
import type { OktaScope } from './app-profile.js';
import type { PushedStore } from './pushed.js';
import type { OktaRequestBuilder } from './requests.js';

export interface OktaJobOptions {
  db: Db;
  /** The target's client; its timeout should be Okta's 60 s (OKTA_TIMEOUT_MS), which the caller sets. */
  client: ScimClient;
  /** Profile updates by `put` (default) or `patch` ("Support PATCH for User"). */
  userUpdates?: OktaUserUpdates;
  /** `oin` (default) or `aiw` (App Integration Wizard: PUT for every update, deactivation included). */
  mode?: OktaAppMode;
  /** A pushed group that leaves the push list is deleted in the target ("Delete the group in the target app"); by default it is only unlinked. */
  deleteGroups?: boolean;
  /** Objects in flight at once (default 8); each object's requests are sequential. */
  concurrency?: number;
  /** Send through `client` itself so its exchange log holds every request (the self-tests read it). */
  shareClient?: boolean;
  jobId?: string;
  onLinked?: (type: SourceType, targetId: string, name: string) => void;
}

export interface OktaParts {
  readonly opts: OktaJobOptions;
  readonly dir: DirectoryStore;
  readonly state: JobState;
  readonly logs: LogStore;
  readonly pushed: PushedStore;
  readonly clock: SimulatedClock;
  readonly builder: OktaRequestBuilder;
  readonly gate: RetryAfterGate;
  readonly stats: SendStats;
}

export interface OktaRun {
  readonly job: OktaParts;
  readonly id: string;
  readonly now: number;
  readonly scope: OktaScope;
  readonly counts: OutcomeCounts;
  /** Set on a credential failure: nothing more is sent in this run. */
  abort?: string;
}

export function newOktaRun(job: OktaParts, scope: OktaScope): OktaRun {
  return {
    job,
    id: randomUUID(),
    now: job.clock.now(),
    scope,
    counts: zeroCounts(),
  };
}

export function countOutcome(run: OktaRun, outcome: Outcome): void {
  tally(run.counts, outcome);
}

/** One object's requests and log steps, through the shared client when the options say so. */
export function newObjectRun(run: OktaRun): ObjectRun {
  return objectRunOf(run.job);
}

/** A log entry of this run, marked as Okta's. */
export function addOktaLog(run: OktaRun, entry: Omit<LogEntry, 'cycleId' | 'profile' | 'at'>): void {
  run.job.logs.add({ ...entry, at: run.now, cycleId: run.id, profile: 'okta' });
}

export interface OktaLogExtra {
  targetId?: string;
  errorCode?: ErrorCode;
  errorReason?: string;
}
export type OktaObjectLog = (action: ProvisioningAction, status: ProvisioningStatus, extra?: OktaLogExtra) => void;

/** Writes the log entry of one object with the steps and modified properties its run collected. */
export function objectLog(run: OktaRun, obj: ObjectRun, source: { type: SourceType; id: string; name: string }): OktaObjectLog {
  return (action, status, extra = {}) => addOktaLog(run, {
    durationMs: obj.durationMs, action, status, sourceType: source.type, sourceId: source.id, sourceName: source.name,
    ...extra, steps: obj.steps, modified: obj.modified,
  });
}

/**
 * A failed operation: logged with its error code; the run goes on with the next object, and the next sync tries
 * again (nothing was recorded as pushed). A credential failure stops the run.
 */
export function failed(run: OktaRun, obj: ObjectRun, err: unknown, log: (code: ErrorCode, reason: string) => void): Outcome {
  if (!(err instanceof OperationFailure)) throw err;
  obj.step('export', 'failure', err.message);
  if (CREDENTIAL.has(err.code)) run.abort ??= `invalid credentials: ${err.message}`;
  log(err.code, err.message);
  return 'failed';
}
