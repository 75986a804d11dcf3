/**
 * Planning a cycle (docs/entra-behaviour.md §4.1, §4.13): initial or incremental, which objects each phase visits, this job's
 * share of them when jobs are partitioned, and whether the planned disables/deletes exceed the accidental-deletion
 * threshold. Ids come as lazy iterators over SQLite pages, so a 100 000-user cycle never holds them all.
 */
import type { CycleContext, JobParts } from './context.js';
import { DELETIONS } from './decide.js';
import { paged, partitionOf } from './pool.js';
import type { SourceType } from './state.js';

/** Where the last completed cycle left off; a new mapping (or none yet) makes the cycle initial. */
export interface CycleWindow {
  initial: boolean;
  /** The directory change-log position the last completed cycle reached. */
  watermark: number | undefined;
  /** The position this cycle reaches when it completes. */
  to: number;
}

/** Objects an incremental cycle visits first: those changed since the watermark or due in escrow. */
export interface ChangedObjects {
  users: Set<string>;
  groups: Set<string>;
}

export function cycleWindow(job: JobParts): CycleWindow {
  const watermark = job.state.getNumber('watermark');
  return { initial: isInitialCycle(watermark !== undefined, job.state.get('mappings'), job.mappings.hash), watermark, to: job.dir.maxSeq() };
}

/** A cycle is initial without a watermark yet, or with other mappings than the last completed cycle ran with (§4.1). */
export function isInitialCycle(hasWatermark: boolean, lastMappingsHash: string | undefined, mappingsHash: string): boolean {
  return !hasWatermark || lastMappingsHash !== mappingsHash;
}

/** Incremental work from the change log and due escrow; due reference work goes straight to the context. */
export function changedObjects(ctx: CycleContext, window: CycleWindow): ChangedObjects {
  const changed: ChangedObjects = { users: new Set(), groups: new Set() };
  if (window.initial) return changed;
  const { dir, state } = ctx.job;
  for (const c of dir.changesSince(window.watermark ?? 0, window.to)) (c.type === 'user' ? changed.users : changed.groups).add(c.id);
  for (const e of state.dueEscrow(ctx.now)) {
    if (e.op === 'object') (e.type === 'user' ? changed.users : changed.groups).add(e.id);
    else if (e.op === 'members') ctx.membershipGroups.add(e.id);
    else ctx.managerUsers.add(e.id);
  }
  return changed;
}

/** True when more disables/deletes are planned than the accidental-deletion threshold allows (§4.4). */
export function exceedsDeletionThreshold(ctx: CycleContext, changed: ChangedObjects): boolean {
  const { dir, state, mappings } = ctx.job;
  const threshold = mappings.settings.accidentalDeletionThreshold;
  if (threshold === null) return false;
  let planned = 0;
  const userIds = ctx.initial ? linkedIds(ctx.job, 'user') : changed.users;
  for (const id of own(ctx.job, userIds)) if (DELETIONS.has(ctx.scope.decideUser(dir.getUser(id), state.link('user', id)))) planned++;
  const groupIds = ctx.initial ? linkedIds(ctx.job, 'group') : changed.groups;
  for (const id of own(ctx.job, groupIds)) if (DELETIONS.has(ctx.scope.decideGroup(dir.getGroup(id), state.link('group', id)))) planned++;
  return planned > threshold;
}

/** The ids that belong to this job's partition (all of them when the job is not partitioned). */
export function* own(job: JobParts, ids: Iterable<string>): Generator<string> {
  const p = job.opts.partition;
  for (const id of ids) if (!p || p.count <= 1 || partitionOf(id, p.count) === p.index) yield id;
}

export function* allUserIds(job: Pick<JobParts, 'dir'>): Generator<string> {
  for (const r of paged((after: number, n) => job.dir.userPage(after, n), (r) => r.rid, 0)) yield r.id;
}

export function* allGroupIds(job: Pick<JobParts, 'dir'>): Generator<string> {
  for (const r of paged((after: number, n) => job.dir.groupPage(after, n), (r) => r.rid, 0)) yield r.id;
}

/** Source ids with a link to the target, read a page at a time as the caller goes. */
export function* linkedIds(job: Pick<JobParts, 'state'>, type: SourceType): Generator<string> {
  for (const r of paged((after: string, n) => job.state.linkedPage(type, after, n), (r) => r.id, '')) yield r.id;
}

/** Linked objects gone from the directory (an initial cycle after a restart must still delete them). */
export function* unlistedLinked(job: Pick<JobParts, 'dir' | 'state'>, type: SourceType): Generator<string> {
  for (const id of linkedIds(job, type)) if (!(type === 'user' ? job.dir.getUser(id) : job.dir.getGroup(id))) yield id;
}
