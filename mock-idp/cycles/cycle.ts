/**
 * One provisioning cycle (docs/entra-behaviour.md §4.1, §4.13): users, then groups without members, then memberships in
 * batched PATCHes, then managers. Links are written as soon as the target acknowledges, so a crash mid-cycle
 * loses none and the next cycle resumes; the watermark only moves when a cycle completes without an abort.
 */
import { CYCLE_INTERVAL, QUARANTINE_INTERVAL } from '../escrow/schedule.js';
import { count, newCycleContext, type CycleContext, type JobParts } from './context.js';
import { processGroup } from './groups.js';
import { allGroupIds, allUserIds, changedObjects, cycleWindow, exceedsDeletionThreshold, linkedIds, own, unlistedLinked, type ChangedObjects } from './planning.js';
import { DEFAULT_CONCURRENCY, runPool } from './pool.js';
import { evaluateQuarantine } from './quarantine.js';
import { processManager, processMembers } from './references.js';
import type { CycleSummary, Outcome, Progress } from './types.js';
import { processUser } from './users.js';

type Processor = (ctx: CycleContext, id: string) => Promise<Outcome>;

/**
 * Runs one cycle at simulated time `now`; `allowDeletes` lets deletions above the threshold through. An aborted
 * `signal` (the admin's Stop) ends the cycle between objects like an abort, but quarantines nothing.
 */
export async function runCycle(job: JobParts, now: number, allowDeletes: boolean, signal?: AbortSignal): Promise<CycleSummary> {
  const started = performance.now();
  const stats0 = { ...job.stats };
  const window = cycleWindow(job);
  const ctx = newCycleContext(job, { now, initial: window.initial });
  const changed = changedObjects(ctx, window);
  if (!allowDeletes && exceedsDeletionThreshold(ctx, changed)) ctx.stage = true;
  await runPhases(ctx, changed, () => signal?.aborted === true);
  job.logs.flush();
  const stopped = signal?.aborted === true;

  const quarantine = evaluateQuarantine(ctx, allowDeletes);
  if (!ctx.abort && !stopped) {
    job.state.set('watermark', String(window.to));
    job.state.set('mappings', job.mappings.hash);
  }
  job.clock.advance(quarantine ? QUARANTINE_INTERVAL : CYCLE_INTERVAL);
  job.logs.prune(now);
  const durationMs = Math.round(performance.now() - started);
  const networkMs = job.stats.networkMs - stats0.networkMs;
  const summary: CycleSummary = {
    cycleId: ctx.id,
    kind: ctx.initial ? 'initial' : 'incremental',
    at: new Date(now).toISOString(),
    created: ctx.counts.created,
    updated: ctx.counts.updated,
    disabled: ctx.counts.disabled,
    deleted: ctx.counts.deleted,
    skipped: ctx.counts.skipped,
    failed: ctx.counts.failed,
    staged: ctx.counts.staged,
    unchanged: ctx.counts.unchanged,
    references: ctx.counts.reference,
    requests: job.stats.requests - stats0.requests,
    durationMs,
    emulatorMs: Math.max(0, Math.round(durationMs - networkMs)),
    escrowed: job.state.allEscrow().length,
    ...(quarantine ? { quarantine } : {}),
    ...(ctx.abort ? { aborted: ctx.abort.message } : stopped ? { aborted: STOPPED } : {}),
    watermark: ctx.abort || stopped ? (window.watermark ?? 0) : window.to,
  };
  // The overview's "last cycle" (completion time, duration, counts) whoever ran it: the CLI or the console.
  job.state.set('lastCycle', JSON.stringify(summary));
  return summary;
}

export const STOPPED = 'stopped by the admin (Stop provisioning); the next cycle resumes from the same watermark';

/**
 * The phases in order (§4.1, §4.5). An initial cycle visits every object, then sweeps linked objects gone from
 * the directory; an incremental one visits what changed and the reference work the earlier phases collected —
 * which is why each phase's ids are only taken when the phase starts. An abort stops the cycle between objects.
 */
async function runPhases(ctx: CycleContext, changed: ChangedObjects, stopped: () => boolean): Promise<void> {
  const { job, initial } = ctx;
  const stop = (): boolean => ctx.abort !== undefined || stopped();
  const concurrency = job.opts.concurrency ?? DEFAULT_CONCURRENCY;
  const visit = async (ids: Iterable<string>, processor: Processor, tick: () => void = () => undefined): Promise<void> => {
    if (!stop()) await runPool(own(job, ids), concurrency, async (id) => { count(ctx, await processor(ctx, id)); tick(); }, stop);
  };
  const phase = async (name: Progress['phase'], total: number, ids: Iterable<string>, processor: Processor): Promise<void> => {
    let done = 0;
    job.opts.onProgress?.({ phase: name, done, total });
    await visit(ids, processor, () => job.opts.onProgress?.({ phase: name, done: ++done, total }));
  };
  // Totals for progress: counting 100 000 rows is only worth it when the cycle visits them all.
  const totals = initial ? job.dir.counts() : { users: 0, groups: 0 };
  await phase('users', initial ? totals.users : changed.users.size, initial ? allUserIds(job) : changed.users, processUser);
  if (initial) await visit(unlistedLinked(job, 'user'), processUser);
  await phase('groups', initial ? totals.groups : changed.groups.size, initial ? allGroupIds(job) : changed.groups, processGroup);
  if (initial) await visit(unlistedLinked(job, 'group'), processGroup);
  await phase('memberships', initial ? totals.groups : ctx.membershipGroups.size, initial ? linkedIds(job, 'group') : ctx.membershipGroups, processMembers);
  if (!job.mappings.user.manager) return;
  if (initial) await phase('managers', totals.users, linkedIds(job, 'user'), processManager);
  else {
    const managerWork = new Set([...changed.users, ...ctx.managerUsers]);
    await phase('managers', managerWork.size, managerWork, processManager);
  }
}
