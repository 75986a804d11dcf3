/**
 * What the processors of one run share. JobParts: the job's stores, request builder, mappings and sending
 * machinery, the same for every cycle. CycleContext: one cycle's (or one on-demand run's) own state — its id and
 * simulated time, the scope evaluator, whether deletions are staged, the reference work collected on the way,
 * the escrow keys, the outcome counts and an abort — built by newCycleContext() and nowhere else.
 */
import { randomUUID } from 'node:crypto';
import type { DirectoryStore } from '../directory/store.js';
import type { ErrorCode } from '../escrow/error-codes.js';
import type { RetryAfterGate } from '../escrow/rate-limit.js';
import type { QuarantineReason } from '../escrow/schedule.js';
import type { LogEntry, LogStore, ProvisioningAction, ProvisioningStatus } from '../logs/store.js';
import type { CompiledMappings } from '../mappings/mappings.js';
import type { EntraRequestBuilder } from '../request-builder.js';
import type { SimulatedClock } from './clock.js';
import { ScopeEvaluator } from './decide.js';
import { objectRunOf, type ObjectRun, type SendStats } from './object-run.js';
import type { EscrowOp, JobState, SourceType } from './state.js';
import type { JobOptions, Outcome } from './types.js';

export interface JobParts {
  readonly opts: JobOptions;
  readonly dir: DirectoryStore;
  readonly state: JobState;
  readonly logs: LogStore;
  readonly clock: SimulatedClock;
  readonly builder: EntraRequestBuilder;
  readonly mappings: CompiledMappings;
  readonly gate: RetryAfterGate;
  /** Requests sent and time spent waiting for the target, over the job's life (a cycle reports its share). */
  readonly stats: SendStats;
}

/** Why a cycle stops early: it sends nothing more, keeps its watermark and quarantines the job. */
export interface CycleAbort {
  reason: QuarantineReason;
  message: string;
}

export type OutcomeCounts = Record<Exclude<Outcome, 'none'>, number>;

export interface CycleContext {
  readonly job: JobParts;
  readonly id: string;
  /** Simulated time of the cycle: every log entry and escrow date of it. */
  readonly now: number;
  readonly scope: ScopeEvaluator;
  /** Initial cycles visit every group and user again in the later phases: no need to collect work. */
  readonly initial: boolean;
  /** Log entries say they were initiated on demand. */
  readonly onDemand: boolean;
  /** Disables and deletes are held back (accidental-deletion threshold exceeded). */
  stage: boolean;
  /** Groups whose memberships need a look, collected by the user and group processors. */
  readonly membershipGroups: Set<string>;
  /** Users whose manager reference needs a look. */
  readonly managerUsers: Set<string>;
  /** Keys (escrowKey) of the escrow entries as they stand: clearing one that is not there costs no write. */
  readonly escrowed: Set<string>;
  readonly counts: OutcomeCounts;
  abort?: CycleAbort;
}

export const escrowKey = (type: SourceType, id: string, op: EscrowOp): string => `${type}:${id}:${op}`;

export function newCycleContext(job: JobParts, o: { now: number; initial: boolean; onDemand?: boolean }): CycleContext {
  return {
    job,
    id: o.onDemand ? `ondemand-${randomUUID()}` : randomUUID(),
    now: o.now,
    scope: new ScopeEvaluator(job.dir, job.mappings),
    initial: o.initial,
    onDemand: o.onDemand ?? false,
    stage: false,
    membershipGroups: new Set(),
    managerUsers: new Set(),
    escrowed: new Set(job.state.allEscrow().map((e) => escrowKey(e.type, e.id, e.op))),
    counts: zeroCounts(),
  };
}

/** A run's outcome counts before its first object (Entra's cycles and Okta's syncs). */
export function zeroCounts(): OutcomeCounts {
  return { created: 0, updated: 0, disabled: 0, deleted: 0, skipped: 0, failed: 0, staged: 0, unchanged: 0, reference: 0 };
}

/** Adds one object's outcome to a run's counts (`none` counts nothing). */
export function tally(counts: OutcomeCounts, outcome: Outcome): void {
  if (outcome !== 'none') counts[outcome]++;
}

export function count(ctx: CycleContext, outcome: Outcome): void {
  tally(ctx.counts, outcome);
}

/** One object's requests, steps and modified properties; through the shared client when the options say so. */
export function newObjectRun(ctx: CycleContext): ObjectRun {
  return objectRunOf(ctx.job);
}

export function addLog(ctx: CycleContext, entry: Omit<LogEntry, 'cycleId' | 'initiatedBy'>): void {
  ctx.job.logs.add({ ...entry, cycleId: ctx.id, ...(ctx.onDemand ? { initiatedBy: 'onDemand' as const } : {}) });
}

export interface LogExtra {
  targetId?: string;
  errorCode?: ErrorCode;
  errorReason?: string;
}
/** Writes the provisioning-log entry of one object, with the steps and modified properties its run collected. */
export type ObjectLog = (action: ProvisioningAction, status: ProvisioningStatus, extra?: LogExtra) => void;

export function objectLog(ctx: CycleContext, run: ObjectRun, source: { type: SourceType; id: string; name: string }): ObjectLog {
  return (action, status, extra = {}) => addLog(ctx, {
    at: ctx.now, durationMs: run.durationMs, action, status, sourceType: source.type, sourceId: source.id, sourceName: source.name,
    ...extra, steps: run.steps, modified: run.modified,
  });
}
