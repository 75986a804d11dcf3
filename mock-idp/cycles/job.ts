/**
 * A provisioning job (reference §4.1, §4.13): initial cycle = users, then groups without members, then
 * memberships in batched PATCHes, then managers; incremental cycles from the directory's change log plus due
 * escrow entries; deprovisioning, accidental-deletion threshold, escrow and quarantine on a simulated clock.
 * Links are written as soon as the target acknowledges, so a crash mid-cycle loses none and the next cycle
 * resumes (the watermark only moves when a cycle completes).
 */
import { randomUUID } from 'node:crypto';
import { HarnessError } from '../../core/errors.js';
import type { ScimClient, ScimResponse } from '../../core/client/scim-client.js';
import type { Exchange } from '../../core/evidence.js';
import type { Dialect } from '../../core/run-config.js';
import type { Db } from '../db.js';
import { DirectoryStore } from '../directory/store.js';
import type { DirectoryGroup, DirectoryUser } from '../directory/types.js';
import { groupSource, userSource } from '../directory/source-view.js';
import { CREDENTIAL, OperationFailure, type ErrorCode } from '../escrow/error-codes.js';
import { ExpressionRuntimeError } from '../expressions/errors.js';
import type { EvalContext, Value } from '../expressions/compile.js';
import { RetryAfterGate, type RateLimitMode } from '../escrow/rate-limit.js';
import {
  CYCLE_INTERVAL, DEFAULT_QUARANTINE_POLICY, escrowQuarantine, nextRetryAt, QUARANTINE_DISABLE_AFTER, QUARANTINE_INTERVAL,
  type QuarantinePolicy, type QuarantineReason,
} from '../escrow/schedule.js';
import { LogStore, type LogEntry, type ProvisioningAction, type ProvisioningStatus } from '../logs/store.js';
import { evaluateMappings, type CompiledMappings } from '../mappings/mappings.js';
import { createRequestBuilder, diffForPatch, type AttributeChange, type EntraRequestBuilder } from '../request-builder.js';
import { buildResource, readPath, type MappedValues } from '../scim-paths.js';
import { DELETIONS, ScopeEvaluator, type ScopeFacts } from './decide.js';
import { ObjectRun, type SendStats } from './object-run.js';
import { paged, partitionOf, runPool } from './pool.js';
import { JobState, type EscrowOp, type Link, type Quarantine, type SourceType } from './state.js';

export interface JobOptions {
  db: Db;
  client: ScimClient;
  mappings: CompiledMappings;
  dialect: Dialect;
  queryStyle?: 'entra' | 'validator';
  /** Objects in flight at once (default 8); each object's requests are sequential. */
  concurrency?: number;
  rateLimit?: RateLimitMode;
  maxRetryAfterMs?: number;
  quarantinePolicy?: QuarantinePolicy;
  /** 1-based partition i of n: this job handles only objects whose id hashes to i. */
  partition?: { index: number; count: number };
  jobId?: string;
  /** Tenant URL, for the `$ref` of the doc-style manager value. */
  baseUrl?: string;
  /** Send the legacy reference check (§2.4 Example 4) before setting a manager. */
  referenceCheck?: boolean;
  /**
   * Send through `client` itself so its exchange log holds every request (a check's evidence). By default each
   * object gets a fork whose log is dropped with it, so a 100 000-user cycle keeps no exchanges in memory.
   */
  shareClient?: boolean;
  /** Called when a target object is linked (created or matched), e.g. to journal it for cleanup. */
  onLinked?: (type: SourceType, targetId: string, name: string) => void;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  phase: 'users' | 'groups' | 'memberships' | 'managers' | 'deletions';
  done: number;
  total: number;
}

export interface CycleSummary {
  cycleId: string;
  kind: 'initial' | 'incremental';
  /** Simulated time the cycle ran at. */
  at: string;
  created: number;
  updated: number;
  disabled: number;
  deleted: number;
  skipped: number;
  failed: number;
  staged: number;
  unchanged: number;
  /** Membership and manager updates. */
  references: number;
  requests: number;
  durationMs: number;
  /** Wall time minus time spent waiting for the target (meaningful when few objects are in flight). */
  emulatorMs: number;
  escrowed: number;
  quarantine?: Quarantine;
  aborted?: string;
  watermark: number;
}

export interface TestConnectionResult {
  ok: boolean;
  checks: Array<{ step: string; status?: number; ok: boolean; message: string }>;
  exchanges: Exchange[];
}

/** `reference`: a membership or manager update (reference attributes flow after the objects exist). */
export type Outcome = 'created' | 'updated' | 'disabled' | 'deleted' | 'skipped' | 'failed' | 'staged' | 'unchanged' | 'reference' | 'none';

class CycleAbort extends Error {
  constructor(readonly reason: QuarantineReason, message: string) {
    super(message);
  }
}

interface CycleContext {
  id: string;
  now: number;
  scope: ScopeEvaluator;
  stage: boolean;
  membershipGroups: Set<string>;
  managerUsers: Set<string>;
  escrowed: Set<string>;
  counts: Record<Exclude<Outcome, 'none'>, number>;
  abort?: CycleAbort;
  onDemand?: boolean;
  /** Initial cycles visit every group and user again in the later phases: no need to collect work. */
  initial: boolean;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
/** The manager id a SCIM resource carries (bare string or {value}). */
export function managerIdOf(resource: Record<string, unknown> | undefined): string | null {
  const m = readPath(resource, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager');
  if (typeof m === 'string') return m || null;
  if (m && typeof m === 'object' && typeof (m as { value?: unknown }).value === 'string') return (m as { value: string }).value || null;
  return null;
}
const listOf = (res: ScimResponse): Record<string, unknown>[] => {
  const b = res.body as { Resources?: unknown; resources?: unknown } | undefined;
  const r = b?.Resources ?? b?.resources;
  return Array.isArray(r) ? (r as Record<string, unknown>[]) : [];
};

export class ProvisioningJob {
  readonly dir: DirectoryStore;
  readonly state: JobState;
  readonly logs: LogStore;
  readonly builder: EntraRequestBuilder;
  readonly mappings: CompiledMappings;
  private readonly opts: JobOptions;
  private readonly gate: RetryAfterGate;
  private readonly stats: SendStats = { requests: 0, networkMs: 0 };

  constructor(opts: JobOptions) {
    this.opts = opts;
    this.mappings = opts.mappings;
    this.dir = new DirectoryStore(opts.db);
    const part = opts.partition && opts.partition.count > 1 ? `${opts.partition.index}/${opts.partition.count}` : '';
    this.state = new JobState(opts.db, part);
    this.logs = new LogStore(opts.db, { jobId: opts.jobId ?? `scim.mockidp${part ? `.${part.replace('/', 'of')}` : ''}` });
    this.builder = createRequestBuilder({ dialect: opts.dialect, queryStyle: opts.queryStyle ?? 'entra', ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) });
    this.gate = new RetryAfterGate(opts.rateLimit ?? 'ignore-and-escrow', { ...(opts.maxRetryAfterMs !== undefined ? { maxWaitMs: opts.maxRetryAfterMs } : {}) });
  }

  /** The simulated clock (ms); starts at the real time of the job's first use. */
  now(): number {
    const t = this.state.getNumber('clock');
    if (t !== undefined) return t;
    const start = Date.now();
    this.state.set('clock', String(start));
    return start;
  }
  advanceClock(ms: number): void {
    this.state.set('clock', String(this.now() + ms));
  }

  private inPartition(id: string): boolean {
    const p = this.opts.partition;
    return !p || p.count <= 1 || partitionOf(id, p.count) === p.index;
  }

  restart(reset: boolean): void {
    this.state.restart(reset);
  }

  /** Runs one cycle; `allowDeletes` lets deletions above the accidental-deletion threshold through. */
  async runCycle(o: { allowDeletes?: boolean } = {}): Promise<CycleSummary> {
    if (this.state.get('disabled')) {
      throw new HarnessError('HARNESS_CONFIG', `the provisioning job was disabled after more than 4 weeks in quarantine (${this.state.get('disabled')}); run "idp restart" to start over`);
    }
    const now = this.now();
    const quarantined = this.state.quarantine();
    if (quarantined && now - quarantined.since > QUARANTINE_DISABLE_AFTER) {
      this.state.set('disabled', `${quarantined.reason}: ${quarantined.detail}`);
      throw new HarnessError('HARNESS_CONFIG', `the provisioning job has been quarantined for more than 4 weeks (${quarantined.reason}) and is now disabled; fix the cause and run "idp restart"`);
    }
    const started = performance.now();
    const stats0 = { ...this.stats };
    const watermark = this.state.getNumber('watermark');
    const initial = watermark === undefined || this.state.get('mappings') !== this.mappings.hash;
    const to = this.dir.maxSeq();
    const ctx: CycleContext = {
      id: randomUUID(),
      now,
      scope: new ScopeEvaluator(this.dir, this.mappings),
      stage: false,
      membershipGroups: new Set(),
      managerUsers: new Set(),
      escrowed: new Set(this.state.allEscrow().map((e) => `${e.type}:${e.id}:${e.op}`)),
      counts: { created: 0, updated: 0, disabled: 0, deleted: 0, skipped: 0, failed: 0, staged: 0, unchanged: 0, reference: 0 },
      initial,
    };
    const users = new Set<string>();
    const groups = new Set<string>();
    if (!initial) {
      for (const c of this.dir.changesSince(watermark ?? 0, to)) (c.type === 'user' ? users : groups).add(c.id);
      for (const e of this.state.dueEscrow(now)) {
        if (e.op === 'object') (e.type === 'user' ? users : groups).add(e.id);
        else if (e.op === 'members') ctx.membershipGroups.add(e.id);
        else ctx.managerUsers.add(e.id);
      }
    }
    const threshold = this.mappings.settings.accidentalDeletionThreshold;
    if (threshold !== null && !o.allowDeletes) {
      const planned = this.countDeletions(ctx, initial, users, groups);
      if (planned > threshold) ctx.stage = true;
    }

    const stop = (): boolean => ctx.abort !== undefined;
    const conc = this.opts.concurrency ?? 8;
    const progress = (phase: Progress['phase'], total: number) => {
      let done = 0;
      this.opts.onProgress?.({ phase, done, total });
      return () => this.opts.onProgress?.({ phase, done: ++done, total });
    };
    // Totals for progress: counting 100 000 rows is only worth it when the cycle visits them all.
    const counts = initial ? this.dir.counts() : { users: 0, groups: 0 };
    // Users, then groups without members, then memberships, then managers (§4.1, §4.5).
    let tick = progress('users', initial ? counts.users : users.size);
    const userIds = initial ? this.allUserIds() : users;
    await runPool(this.own(userIds), conc, async (id) => { this.count(ctx, await this.processUser(ctx, id, initial)); tick(); }, stop);
    if (initial && !stop()) await runPool(this.own(this.unlistedLinked('user')), conc, async (id) => this.count(ctx, await this.processUser(ctx, id, true)), stop);
    tick = progress('groups', initial ? counts.groups : groups.size);
    const groupIds = initial ? this.allGroupIds() : groups;
    if (!stop()) await runPool(this.own(groupIds), conc, async (id) => { this.count(ctx, await this.processGroup(ctx, id)); tick(); }, stop);
    if (initial && !stop()) await runPool(this.own(this.unlistedLinked('group')), conc, async (id) => this.count(ctx, await this.processGroup(ctx, id)), stop);
    const memberWork = initial ? this.linkedIds('group') : ctx.membershipGroups;
    tick = progress('memberships', initial ? counts.groups : memberWork instanceof Set ? memberWork.size : 0);
    if (!stop()) await runPool(this.own(memberWork), conc, async (id) => { this.count(ctx, await this.processMembers(ctx, id)); tick(); }, stop);
    if (this.mappings.user.manager) {
      const managerWork = initial ? this.linkedIds('user') : new Set([...users, ...ctx.managerUsers]);
      tick = progress('managers', initial ? counts.users : managerWork instanceof Set ? managerWork.size : 0);
      if (!stop()) await runPool(this.own(managerWork), conc, async (id) => { this.count(ctx, await this.processManager(ctx, id)); tick(); }, stop);
    }
    this.logs.flush();

    const quarantine = this.evaluateQuarantine(ctx, o.allowDeletes ?? false);
    if (!ctx.abort) {
      this.state.set('watermark', String(to));
      this.state.set('mappings', this.mappings.hash);
    }
    this.advanceClock(quarantine ? QUARANTINE_INTERVAL : CYCLE_INTERVAL);
    this.logs.prune(now);
    const durationMs = Math.round(performance.now() - started);
    const networkMs = this.stats.networkMs - stats0.networkMs;
    return {
      cycleId: ctx.id,
      kind: initial ? 'initial' : 'incremental',
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
      requests: this.stats.requests - stats0.requests,
      durationMs,
      emulatorMs: Math.max(0, Math.round(durationMs - networkMs)),
      escrowed: this.state.allEscrow().length,
      ...(quarantine ? { quarantine } : {}),
      ...(ctx.abort ? { aborted: ctx.abort.message } : {}),
      watermark: ctx.abort ? (watermark ?? 0) : to,
    };
  }

  /**
   * Test Connection (§1.6): a filter on the first matching attribute for a random GUID on Users (and Groups
   * when groups are provisioned) must answer 200 with an empty ListResponse.
   */
  async testConnection(): Promise<TestConnectionResult> {
    const probes = [this.builder.testConnectionUsers(this.mappings.user.matching[0]?.target ?? 'userName')];
    if (this.mappings.group.enabled) probes.push(this.builder.testConnectionGroups());
    const client = this.opts.client.fork();
    const checks: TestConnectionResult['checks'] = [];
    for (const req of probes) {
      const step = req.step ?? req.path;
      let res: ScimResponse;
      try {
        res = await client.send(req);
      } catch (err) {
        checks.push({ step, ok: false, message: (err as Error).message });
        continue;
      }
      const body = res.body as { totalResults?: unknown } | undefined;
      let message = 'answered 200 with an empty ListResponse';
      let ok = false;
      if (res.status === 401 || res.status === 403) message = `invalid credentials: the endpoint answered ${res.status}`;
      else if (res.status === 404) message = 'SCIM compliance issue: an HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK with an empty ListResponse';
      else if (res.status !== 200) message = `expected 200 with an empty ListResponse, got ${res.status}`;
      else if (!res.json || typeof body?.totalResults !== 'number') message = 'answered 200 but not with a SCIM ListResponse (no totalResults)';
      else if (body.totalResults !== 0 || listOf(res).length) message = `expected no match for a random GUID, got totalResults ${String(body.totalResults)}`;
      else ok = true;
      checks.push({ step, status: res.status, ok, message });
    }
    return { ok: checks.every((c) => c.ok), checks, exchanges: client.exchanges };
  }

  /** Provision on demand (§4.12): one user, or one group with its given members; no watermark, no clock. */
  async provisionSubject(subject: { type: 'user'; id: string } | { type: 'group'; id: string; members: readonly string[] }): Promise<{ cycleId: string; outcome: Outcome }> {
    const ctx: CycleContext = {
      id: `ondemand-${randomUUID()}`,
      now: this.now(),
      scope: new ScopeEvaluator(this.dir, this.mappings),
      stage: false,
      membershipGroups: new Set(),
      managerUsers: new Set(),
      escrowed: new Set(this.state.allEscrow().map((e) => `${e.type}:${e.id}:${e.op}`)),
      counts: { created: 0, updated: 0, disabled: 0, deleted: 0, skipped: 0, failed: 0, staged: 0, unchanged: 0, reference: 0 },
      onDemand: true,
      initial: false,
    };
    let outcome: Outcome;
    if (subject.type === 'user') {
      outcome = await this.processUser(ctx, subject.id, false);
      if (outcome !== 'failed') await this.processManager(ctx, subject.id);
    } else {
      outcome = await this.processGroup(ctx, subject.id);
      for (const m of subject.members) await this.processUser(ctx, m, false);
      if (outcome !== 'failed') await this.processMembers(ctx, subject.id);
    }
    this.logs.flush();
    return { cycleId: ctx.id, outcome };
  }

  private addLog(ctx: CycleContext, entry: Omit<LogEntry, 'cycleId' | 'initiatedBy'>): void {
    this.logs.add({ ...entry, cycleId: ctx.id, ...(ctx.onDemand ? { initiatedBy: 'onDemand' as const } : {}) });
  }

  private count(ctx: CycleContext, outcome: Outcome): void {
    if (outcome !== 'none') ctx.counts[outcome]++;
  }

  private *own(ids: Iterable<string>): Generator<string> {
    for (const id of ids) if (this.inPartition(id)) yield id;
  }
  private *allUserIds(): Generator<string> {
    for (const r of paged((after: number, n) => this.dir.userPage(after, n), (r) => r.rid, 0)) yield r.id;
  }
  private *allGroupIds(): Generator<string> {
    for (const r of paged((after: number, n) => this.dir.groupPage(after, n), (r) => r.rid, 0)) yield r.id;
  }
  private *linkedIds(type: SourceType): Generator<string> {
    for (const r of paged((after: string, n) => this.state.linkedPage(type, after, n), (r) => r.id, '')) yield r.id;
  }
  /** Linked objects gone from the directory (an initial cycle after a restart must still delete them). */
  private *unlistedLinked(type: SourceType): Generator<string> {
    for (const id of this.linkedIds(type)) if (!(type === 'user' ? this.dir.getUser(id) : this.dir.getGroup(id))) yield id;
  }

  private countDeletions(ctx: CycleContext, initial: boolean, users: Set<string>, groups: Set<string>): number {
    let n = 0;
    const userIds = initial ? this.linkedIds('user') : users;
    for (const id of this.own(userIds)) if (DELETIONS.has(ctx.scope.decideUser(this.dir.getUser(id), this.state.link('user', id)))) n++;
    const groupIds = initial ? this.linkedIds('group') : groups;
    for (const id of this.own(groupIds)) if (DELETIONS.has(ctx.scope.decideGroup(this.dir.getGroup(id), this.state.link('group', id)))) n++;
    return n;
  }

  private evaluateQuarantine(ctx: CycleContext, allowDeletes: boolean): Quarantine | undefined {
    const previous = this.state.quarantine();
    let next: Quarantine | undefined;
    if (ctx.abort) next = { reason: ctx.abort.reason, since: previous?.since ?? ctx.now, detail: ctx.abort.message };
    else if (ctx.stage) next = { reason: 'TooManyDeletes', since: previous?.since ?? ctx.now, detail: `${ctx.counts.staged} disables/deletes held back: above the accidental-deletion threshold of ${this.mappings.settings.accidentalDeletionThreshold}` };
    else {
      const c = this.state.escrowCounts();
      const successes = ctx.counts.created + ctx.counts.updated + ctx.counts.disabled + ctx.counts.deleted + ctx.counts.unchanged + ctx.counts.reference;
      const reason = escrowQuarantine({ ...c, successes }, this.opts.quarantinePolicy ?? DEFAULT_QUARANTINE_POLICY);
      if (reason) next = { reason, since: previous?.since ?? ctx.now, detail: `${c.failures} failures and ${c.referenceFailures} reference failures in escrow, ${successes} successes this cycle` };
      else if (previous?.reason === 'TooManyDeletes' && !allowDeletes) next = previous;
    }
    // A cycle with successes and no new trigger takes the job out of quarantine (§4.7).
    this.state.setQuarantine(next);
    return next;
  }

  // ---- users -------------------------------------------------------------------------------------------

  private evalContext(get: (name: string) => Value, now: number): EvalContext {
    return { get, now: () => new Date(now) };
  }

  private async processUser(ctx: CycleContext, id: string, initial: boolean): Promise<Outcome> {
    const user = this.dir.getUser(id);
    const link = this.state.link('user', id);
    const facts = user ? ctx.scope.userFacts(user) : undefined;
    const decision = ctx.scope.decideUser(user, link, facts);
    if (decision === 'none') return 'none';
    const name = user?.displayName ?? user?.userPrincipalName ?? id;
    const run = new ObjectRun(this.opts.client, this.gate, this.stats, this.opts.shareClient ?? false);
    run.step('import', 'success', user ? `Retrieved user ${user.userPrincipalName} from the source` : 'The user was hard-deleted in the source');
    if (facts) run.step('scoping', facts.inScope ? 'success' : 'skipped', `The user is ${facts.reason}`, { assigned: String(facts.assigned), scopingFilters: String(facts.passesFilters), accountEnabled: String(facts.enabled) });
    const log = (action: ProvisioningAction, status: ProvisioningStatus, extra: { targetId?: string; errorCode?: ErrorCode; errorReason?: string } = {}): void => {
      this.addLog(ctx, {
        at: ctx.now, durationMs: run.durationMs, action, status, sourceType: 'user', sourceId: id, sourceName: name,
        ...extra, steps: run.steps, modified: run.modified,
      });
    };
    const skip = (reason: string, code: ErrorCode = 'EntrySynchronizationSkipped'): Outcome => {
      // In incremental cycles Entra only logs what changed; initial cycles log every evaluated object.
      // Initial cycles only read assigned objects (§4.1), so unassigned users leave no trace there.
      if (!initial || link || decision !== 'skipOutOfScope' || facts?.assigned) log('other', 'skipped', { ...(link ? { targetId: link.targetId } : {}), errorCode: code, errorReason: reason });
      return 'skipped';
    };
    if (ctx.stage && DELETIONS.has(decision)) return this.stageDeletion(ctx, 'user', id, name, link, run);
    try {
      switch (decision) {
        case 'skipOutOfScope': return skip(`Not provisioned: the user is ${facts?.reason}`);
        case 'skipDisabled': return skip('Not provisioned: the user is disabled or soft-deleted in the source (Entra does not provision disabled users)');
        case 'skipUnmanaged': return skip('The user left scope earlier and is no longer managed');
        case 'skipOutOfScopeDeletions': return skip('Out of scope, not disabled: SkipOutOfScopeDeletions is set');
        case 'skipNoActiveMapping': return skip('Out of scope, nothing sent: no mapping targets active');
        case 'skipDeleteAction': {
          this.state.dropLink('user', id);
          return skip('Hard-deleted in the source; the Delete target object action is off');
        }
        case 'forget': {
          this.state.dropLink('user', id);
          return skip('Hard-deleted after leaving scope: the user is no longer managed, nothing sent');
        }
        case 'markUnmanaged': {
          this.state.setLinkState('user', id, 'unmanaged');
          this.touchMemberships(ctx, id);
          return skip('Left scope while already inactive in the target: no longer managed');
        }
        case 'delete': {
          const l = link as Link;
          run.step('export', 'success', `DELETE /Users/${l.targetId}`);
          await run.send(this.builder.deleteUser(l.targetId), [200, 204, 404], { byId: true });
          this.touchMemberships(ctx, id);
          this.state.dropLink('user', id);
          this.clearEscrow(ctx, 'user', id, 'object');
          log('delete', 'success', { targetId: l.targetId });
          return 'deleted';
        }
        case 'deprovision': {
          const l = link as Link;
          run.modified.push({ displayName: 'active', oldValue: 'True', newValue: 'False' });
          await run.send(this.builder.setActive(l.targetId, false), [200, 204], { byId: true });
          run.step('export', 'success', 'Disabled the user: it left scope');
          this.state.setLinkState('user', id, 'unmanaged');
          this.touchMemberships(ctx, id);
          this.clearEscrow(ctx, 'user', id, 'object');
          log('disable', 'success', { targetId: l.targetId });
          return 'disabled';
        }
        case 'provision':
          return await this.provisionUser(ctx, run, user as DirectoryUser, facts as ScopeFacts, log);
        default:
          return await this.updateUser(ctx, run, user as DirectoryUser, facts as ScopeFacts, link as Link, log);
      }
    } catch (err) {
      return this.failed(ctx, 'user', id, 'object', err, run, (code, reason) => log(decision === 'delete' ? 'delete' : decision === 'deprovision' || decision === 'disable' ? 'disable' : link ? 'update' : 'create', 'failure', { ...(link ? { targetId: link.targetId } : {}), errorCode: code, errorReason: reason }));
    }
  }

  private userValues(user: DirectoryUser, facts: ScopeFacts, now: number, create: boolean): MappedValues {
    return evaluateMappings(this.mappings.user, this.evalContext(userSource(user, facts), now), { create });
  }

  private async provisionUser(
    ctx: CycleContext, run: ObjectRun, user: DirectoryUser, facts: ScopeFacts,
    log: (a: ProvisioningAction, s: ProvisioningStatus, e?: { targetId?: string; errorCode?: ErrorCode; errorReason?: string }) => void,
  ): Promise<Outcome> {
    const values = this.userValues(user, facts, ctx.now, true);
    const matched = await this.match(ctx, run, 'user', values, (attr, v) => this.builder.findUser(attr, v));
    if (matched === 'skipped') {
      log('other', 'skipped', { errorCode: 'ImportSkipped', errorReason: 'The user has no value for any matching attribute' });
      return 'skipped';
    }
    if (matched) {
      const targetId = String(matched.id);
      this.state.setLink('user', user.id, { targetId, state: 'active', managerTarget: managerIdOf(matched) });
      this.opts.onLinked?.('user', targetId, user.userPrincipalName);
      const changes = diffForPatch(matched, this.userValues(user, facts, ctx.now, false));
      const outcome = await this.patch(run, changes, matched, (c) => this.builder.updateUser(targetId, c), { byId: true });
      this.state.setLinkState('user', user.id, facts.enabled || !this.mappings.user.hasActive ? 'active' : 'disabled');
      this.afterProvision(ctx, user.id);
      log(outcome === 'unchanged' ? 'other' : 'update', outcome === 'unchanged' ? 'skipped' : 'success', { targetId, ...(outcome === 'unchanged' ? { errorCode: 'EntrySynchronizationSkipped' as const, errorReason: 'Matched an existing user whose values already match' } : {}) });
      return outcome;
    }
    if (!this.mappings.user.actions.create) {
      log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: 'No match, and the Create target object action is off' });
      return 'skipped';
    }
    const resource = buildResource(values);
    if (typeof resource.userName !== 'string') throw new OperationFailure('MandatoryFieldsMissing', 'no value for userName: the mapping of userName yielded nothing');
    const res = await run.send(this.builder.createUser(resource as { userName: string }), [200, 201]);
    const targetId = (res.body as { id?: unknown } | undefined)?.id;
    if (typeof targetId !== 'string' || !targetId) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `POST /Users answered ${res.status} without an id`);
    this.state.setLink('user', user.id, { targetId, state: 'active', managerTarget: null });
    this.opts.onLinked?.('user', targetId, user.userPrincipalName);
    for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') run.modified.push({ displayName: k, oldValue: null, newValue: str(v) });
    run.step('export', 'success', `Created the user (POST /Users → ${res.status})`);
    this.afterProvision(ctx, user.id);
    this.clearEscrow(ctx, 'user', user.id, 'object');
    log('create', 'success', { targetId });
    return 'created';
  }

  private async updateUser(
    ctx: CycleContext, run: ObjectRun, user: DirectoryUser, facts: ScopeFacts, link: Link,
    log: (a: ProvisioningAction, s: ProvisioningStatus, e?: { targetId?: string; errorCode?: ErrorCode; errorReason?: string }) => void,
  ): Promise<Outcome> {
    const res = await run.send(this.builder.getUser(link.targetId), [200], { byId: true });
    const current = res.body as Record<string, unknown>;
    run.step('matching', 'success', `Read the linked user ${link.targetId} from the target`);
    if (!this.mappings.user.actions.update) {
      log('other', 'skipped', { targetId: link.targetId, errorCode: 'EntrySynchronizationSkipped', errorReason: 'The Update target object action is off' });
      return 'skipped';
    }
    const changes = diffForPatch(current, this.userValues(user, facts, ctx.now, false));
    const outcome = await this.patch(run, changes, current, (c) => this.builder.updateUser(link.targetId, c), { byId: true });
    const state = facts.enabled || !this.mappings.user.hasActive ? 'active' : 'disabled';
    if (state !== link.state) {
      this.state.setLinkState('user', user.id, state);
      this.touchMemberships(ctx, user.id);
    }
    this.state.setManagerTarget(user.id, managerIdOf(current));
    if (link.state === 'unmanaged') this.afterProvision(ctx, user.id);
    this.clearEscrow(ctx, 'user', user.id, 'object');
    const onlyDisable = changes.length > 0 && changes.every((c) => c.path === 'active') && state === 'disabled';
    if (outcome === 'unchanged') log('other', 'skipped', { targetId: link.targetId, errorCode: 'EntrySynchronizationSkipped', errorReason: 'Source and target already match' });
    else log(onlyDisable ? 'disable' : 'update', 'success', { targetId: link.targetId });
    return outcome === 'updated' && onlyDisable ? 'disabled' : outcome;
  }

  /** A created, matched or restored user: its groups' memberships and its reports' managers need a look. */
  private afterProvision(ctx: CycleContext, userId: string): void {
    if (ctx.initial) return;
    this.touchMemberships(ctx, userId);
    ctx.managerUsers.add(userId);
    for (const r of this.dir.reportsOf(userId)) ctx.managerUsers.add(r);
  }
  private touchMemberships(ctx: CycleContext, userId: string): void {
    if (ctx.initial) return;
    for (const g of this.dir.groupsOf(userId)) ctx.membershipGroups.add(g);
    for (const g of this.state.groupsWithMember(userId)) ctx.membershipGroups.add(g);
  }

  /** One PATCH for the diff (nothing when there is nothing to change); modified properties for the log. */
  private async patch(
    run: ObjectRun, changes: AttributeChange[], current: Record<string, unknown>,
    build: (c: AttributeChange[]) => Parameters<ObjectRun['send']>[0], opts: { byId: boolean },
  ): Promise<'updated' | 'unchanged'> {
    if (changes.length === 0) {
      run.step('processing', 'skipped', 'Source and target already match: no update needed');
      return 'unchanged';
    }
    for (const c of changes) run.modified.push({ displayName: c.path, oldValue: str(readPath(current, c.path)), newValue: str(c.value) });
    run.step('processing', 'success', `${changes.length} attribute${changes.length === 1 ? '' : 's'} to update`);
    await run.send(build(changes), [200, 204], opts);
    run.step('export', 'success', `Updated ${changes.map((c) => c.path).join(', ')}`);
    return 'updated';
  }

  /** Matching (§4.2): each matching attribute in precedence order; 0 → next, 1 → link, >1 → DuplicateTargetEntries. */
  private async match(
    ctx: CycleContext, run: ObjectRun, type: SourceType, values: MappedValues,
    find: (attr: string, value: string) => Parameters<ObjectRun['send']>[0],
  ): Promise<Record<string, unknown> | undefined | 'skipped'> {
    const mapping = type === 'user' ? this.mappings.user : this.mappings.group;
    let tried = 0;
    for (const attr of mapping.matching) {
      const v = values[attr.target];
      const value = Array.isArray(v) ? v[0] : v;
      if (value === null || value === undefined || value === '') continue;
      tried++;
      let res: ScimResponse;
      try {
        res = await run.send(find(attr.target, String(value)), [200]);
      } catch (err) {
        if (err instanceof OperationFailure && err.status === 404) {
          // "An HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK" (§4.8).
          ctx.abort ??= new CycleAbort('EncounteredQuarantineException', `SCIM compliance issue: a filter query answered 404 instead of 200 with an empty ListResponse (${err.message})`);
        }
        throw err;
      }
      const found = listOf(res);
      const total = typeof (res.body as { totalResults?: unknown })?.totalResults === 'number' ? ((res.body as { totalResults: number }).totalResults) : found.length;
      if (found.length === 0 && total === 0) {
        run.step('matching', 'success', `No ${type} matched ${attr.target} eq "${value}"`);
        continue;
      }
      if (found.length > 1 || total > 1) throw new OperationFailure('DuplicateTargetEntries', `${Math.max(found.length, total)} target ${type}s match ${attr.target} eq "${value}"`);
      const hit = found[0] as Record<string, unknown>;
      if (typeof hit.id !== 'string' || !hit.id) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `the ${type} matching ${attr.target} eq "${value}" came back without an id`);
      run.step('matching', 'success', `Matched target ${type} ${hit.id} on ${attr.target}`);
      return hit;
    }
    return tried === 0 ? 'skipped' : undefined;
  }

  // ---- groups ------------------------------------------------------------------------------------------

  private async processGroup(ctx: CycleContext, id: string): Promise<Outcome> {
    const group = this.dir.getGroup(id);
    const link = this.state.link('group', id);
    const decision = ctx.scope.decideGroup(group, link);
    if (decision === 'none' || decision === 'skipDisabledMapping') return 'none';
    const name = group?.displayName ?? id;
    const run = new ObjectRun(this.opts.client, this.gate, this.stats, this.opts.shareClient ?? false);
    run.step('import', 'success', group ? `Retrieved group ${name} from the source` : 'The group was deleted in the source');
    const log = (action: ProvisioningAction, status: ProvisioningStatus, extra: { targetId?: string; errorCode?: ErrorCode; errorReason?: string } = {}): void => {
      this.addLog(ctx, { at: ctx.now, durationMs: run.durationMs, action, status, sourceType: 'group', sourceId: id, sourceName: name, ...extra, steps: run.steps, modified: run.modified });
    };
    if (ctx.stage && DELETIONS.has(decision)) return this.stageDeletion(ctx, 'group', id, name, link, run);
    try {
      if (decision === 'skipOutOfScope') {
        log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: `Not provisioned: the group is ${group ? ctx.scope.groupInScope(group).reason : 'gone'}` });
        return 'skipped';
      }
      if (decision === 'skipDeleteAction') {
        this.state.dropLink('group', id);
        log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: 'Deleted or out of scope; the Delete target object action is off' });
        return 'skipped';
      }
      if (decision === 'delete') {
        const l = link as Link;
        await run.send(this.builder.deleteGroup(l.targetId), [200, 204, 404], { byId: true });
        run.step('export', 'success', `DELETE /Groups/${l.targetId}`);
        this.state.dropLink('group', id);
        this.clearEscrow(ctx, 'group', id, 'object');
        log('delete', 'success', { targetId: l.targetId });
        return 'deleted';
      }
      const g = group as DirectoryGroup;
      const values = evaluateMappings(this.mappings.group, this.evalContext(groupSource(g), ctx.now), { create: decision === 'provision' });
      if (decision === 'provision') {
        const matched = await this.match(ctx, run, 'group', values, (attr, v) => (attr === 'displayName' ? this.builder.findGroup(v) : this.builder.findGroupBy(attr, v)));
        if (matched === 'skipped') {
          log('other', 'skipped', { errorCode: 'ImportSkipped', errorReason: 'The group has no value for its matching attribute: the group and its members are not provisioned' });
          return 'skipped';
        }
        let current: Record<string, unknown>;
        let outcome: Outcome;
        if (matched) {
          current = matched;
          outcome = 'unchanged';
        } else {
          if (!this.mappings.group.actions.create) {
            log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: 'No match, and the Create target object action is off' });
            return 'skipped';
          }
          const displayName = str(values.displayName);
          if (!displayName) throw new OperationFailure('MandatoryFieldsMissing', 'no value for displayName');
          const externalId = str(values.externalId);
          const res = await run.send(this.builder.createGroup({ displayName, ...(externalId ? { externalId } : {}) }), [200, 201]);
          current = (res.body ?? {}) as Record<string, unknown>;
          if (typeof current.id !== 'string' || !current.id) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `POST /Groups answered ${res.status} without an id`);
          for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') run.modified.push({ displayName: k, oldValue: null, newValue: str(v) });
          run.step('export', 'success', `Created the group without members (POST /Groups → ${res.status})`);
          outcome = 'created';
          // The create body holds displayName and externalId only; anything else follows as a PATCH below.
          delete values.displayName;
          delete values.externalId;
        }
        const targetId = String(current.id);
        this.state.setLink('group', id, { targetId, state: 'active', managerTarget: null });
        this.opts.onLinked?.('group', targetId, name);
        ctx.membershipGroups.add(id);
        const patched = await this.patch(run, diffForPatch(current, values), current, (c) => this.builder.updateGroup(targetId, c), { byId: true });
        if (outcome === 'unchanged' && patched === 'updated') outcome = 'updated';
        this.clearEscrow(ctx, 'group', id, 'object');
        log(outcome === 'created' ? 'create' : outcome === 'updated' ? 'update' : 'other', outcome === 'unchanged' ? 'skipped' : 'success', { targetId, ...(outcome === 'unchanged' ? { errorCode: 'EntrySynchronizationSkipped' as const, errorReason: 'Matched an existing group whose values already match' } : {}) });
        return outcome;
      }
      const l = link as Link;
      const res = await run.send(this.builder.getGroup(l.targetId), [200], { byId: true });
      const current = res.body as Record<string, unknown>;
      const outcome = await this.patch(run, diffForPatch(current, values), current, (c) => this.builder.updateGroup(l.targetId, c), { byId: true });
      ctx.membershipGroups.add(id);
      this.clearEscrow(ctx, 'group', id, 'object');
      log(outcome === 'unchanged' ? 'other' : 'update', outcome === 'unchanged' ? 'skipped' : 'success', { targetId: l.targetId, ...(outcome === 'unchanged' ? { errorCode: 'EntrySynchronizationSkipped' as const, errorReason: 'Source and target already match' } : {}) });
      return outcome;
    } catch (err) {
      return this.failed(ctx, 'group', id, 'object', err, run, (code, reason) => log(decision === 'delete' ? 'delete' : link ? 'update' : 'create', 'failure', { ...(link ? { targetId: link.targetId } : {}), errorCode: code, errorReason: reason }));
    }
  }

  /** Memberships of one provisioned group: adds and removes in batched PATCHes, using member target ids. */
  private async processMembers(ctx: CycleContext, groupId: string): Promise<Outcome> {
    if (!this.mappings.group.members) return 'none';
    const link = this.state.link('group', groupId);
    const group = this.dir.getGroup(groupId);
    if (!link || !group) return 'none';
    const desired = new Map<string, string>();
    for (const m of this.dir.membersOf(groupId)) {
      const ml = this.state.link('user', m);
      if (ml && ml.state !== 'unmanaged') desired.set(m, ml.targetId);
    }
    const current = this.state.targetMembers(groupId);
    const add = [...desired.keys()].filter((m) => !current.has(m));
    const remove = [...current].filter((m) => !desired.has(m));
    if (add.length === 0 && remove.length === 0) {
      this.clearEscrow(ctx, 'group', groupId, 'members');
      return 'none';
    }
    const run = new ObjectRun(this.opts.client, this.gate, this.stats, this.opts.shareClient ?? false);
    run.step('referenceResolution', 'success', `${add.length} member(s) to add, ${remove.length} to remove`);
    const batch = this.mappings.settings.memberBatchSize;
    let added = 0;
    let removed = 0;
    const log = (status: ProvisioningStatus, extra: { errorCode?: ErrorCode; errorReason?: string } = {}): void => {
      run.modified.push({ displayName: 'members', oldValue: null, newValue: `added ${added}, removed ${removed}` });
      this.addLog(ctx, { at: ctx.now, durationMs: run.durationMs, action: 'update', status, sourceType: 'group', sourceId: groupId, sourceName: group.displayName, targetId: link.targetId, ...extra, steps: run.steps, modified: run.modified });
    };
    try {
      for (let i = 0; i < add.length; i += batch) {
        const part = add.slice(i, i + batch);
        await run.send(this.builder.addMembers(link.targetId, part.map((m) => desired.get(m) as string)), [200, 204], { byId: true, reference: true });
        this.state.recordMembers(groupId, part, []);
        added += part.length;
      }
      for (let i = 0; i < remove.length; i += batch) {
        const part = remove.slice(i, i + batch);
        const targets = part.map((m) => this.state.link('user', m)?.targetId).filter((t): t is string => t !== undefined);
        if (targets.length) await run.send(this.builder.removeMembers(link.targetId, targets), [200, 204], { byId: true, reference: true });
        this.state.recordMembers(groupId, [], part);
        removed += part.length;
      }
      run.step('export', 'success', `Added ${added} and removed ${removed} member(s)`);
      this.clearEscrow(ctx, 'group', groupId, 'members');
      log('success');
      return 'reference';
    } catch (err) {
      return this.failed(ctx, 'group', groupId, 'members', err, run, (code, reason) => log('failure', { errorCode: code, errorReason: reason }));
    }
  }

  /** The manager reference, once both users exist (§4.5): add/replace with the manager's target id, or remove. */
  private async processManager(ctx: CycleContext, userId: string): Promise<Outcome> {
    const mapping = this.mappings.user.manager;
    const link = this.state.link('user', userId);
    const user = this.dir.getUser(userId);
    if (!mapping || !link || link.state === 'unmanaged' || !user) return 'none';
    const facts = ctx.scope.userFacts(user);
    const source = str(mapping.evaluate(this.evalContext(userSource(user, facts), ctx.now)));
    const ml = source ? this.state.link('user', source) : undefined;
    const desired = ml && ml.state !== 'unmanaged' ? ml.targetId : null;
    // A manager out of scope is not fixed until a restart (§4.5): leave the target alone.
    if (source && !desired) return 'none';
    if (desired === link.managerTarget) {
      this.clearEscrow(ctx, 'user', userId, 'manager');
      return 'none';
    }
    const run = new ObjectRun(this.opts.client, this.gate, this.stats, this.opts.shareClient ?? false);
    run.modified.push({ displayName: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', oldValue: link.managerTarget, newValue: desired });
    const log = (status: ProvisioningStatus, extra: { errorCode?: ErrorCode; errorReason?: string } = {}): void => {
      this.addLog(ctx, { at: ctx.now, durationMs: run.durationMs, action: 'update', status, sourceType: 'user', sourceId: userId, sourceName: user.displayName ?? user.userPrincipalName, targetId: link.targetId, ...extra, steps: run.steps, modified: run.modified });
    };
    try {
      if (desired && this.opts.referenceCheck) {
        const res = await run.send(this.builder.referenceCheck(link.targetId, desired), [200], { reference: true });
        if (listOf(res).length === 1) {
          this.state.setManagerTarget(userId, desired);
          return 'none';
        }
      }
      if (desired) await run.send(this.builder.setManager(link.targetId, desired, link.managerTarget ? 'replace' : 'add', this.mappings.settings.managerStyle), [200, 204], { byId: true, reference: true });
      else await run.send(this.builder.removeManager(link.targetId), [200, 204], { byId: true, reference: true });
      run.step('referenceResolution', 'success', desired ? `Set the manager to ${desired}` : 'Removed the manager');
      this.state.setManagerTarget(userId, desired);
      this.clearEscrow(ctx, 'user', userId, 'manager');
      log('success');
      return 'reference';
    } catch (err) {
      return this.failed(ctx, 'user', userId, 'manager', err, run, (code, reason) => log('failure', { errorCode: code, errorReason: reason }));
    }
  }

  // ---- escrow ------------------------------------------------------------------------------------------

  private clearEscrow(ctx: CycleContext, type: SourceType, id: string, op: EscrowOp): void {
    const key = `${type}:${id}:${op}`;
    if (!ctx.escrowed.has(key)) return;
    this.state.clearEscrow(type, id, op);
    ctx.escrowed.delete(key);
  }

  private stageDeletion(ctx: CycleContext, type: SourceType, id: string, name: string, link: Link | undefined, run: ObjectRun): Outcome {
    run.step('processing', 'skipped', 'Held back: the accidental-deletion threshold is exceeded');
    this.state.putEscrow({ type, id, op: 'object', reference: false, attempts: 0, firstFailedAt: ctx.now, nextRetryAt: ctx.now, code: 'StagedDelete', message: 'held back by the accidental-deletion threshold' });
    ctx.escrowed.add(`${type}:${id}:object`);
    this.addLog(ctx, {
      at: ctx.now, durationMs: run.durationMs, action: 'stagedDelete', status: 'skipped', sourceType: type, sourceId: id, sourceName: name,
      ...(link ? { targetId: link.targetId } : {}), errorCode: 'StagedDelete', errorReason: 'Above the accidental-deletion threshold: allow the deletes (idp sync --allow-deletes) or restart',
      steps: run.steps, modified: [],
    });
    return 'staged';
  }

  /** A failed operation: escrow it on the retry schedule, log it, and quarantine the job on credential errors. */
  private failed(ctx: CycleContext, type: SourceType, id: string, op: EscrowOp, err: unknown, run: ObjectRun, log: (code: ErrorCode, reason: string) => void): Outcome {
    let failure: OperationFailure;
    if (err instanceof OperationFailure) failure = err;
    else if (err instanceof ExpressionRuntimeError) failure = new OperationFailure('ExpressionEvaluationFailed', err.message);
    else throw err;
    run.step('export', 'failure', failure.message);
    if (CREDENTIAL.has(failure.code)) ctx.abort ??= new CycleAbort('EncounteredQuarantineException', `invalid credentials: ${failure.message}`);
    const prev = this.state.escrowEntry(type, id, op);
    const attempts = (prev?.attempts ?? 0) + 1;
    const first = prev?.firstFailedAt ?? ctx.now;
    const next = nextRetryAt(failure.code, attempts, first, ctx.now);
    if (next === null) {
      this.state.clearEscrow(type, id, op);
      log(failure.code, `${failure.message} (escrow expired: retried for 28 days)`);
    } else {
      this.state.putEscrow({ type, id, op, reference: failure.reference || op !== 'object', attempts, firstFailedAt: first, nextRetryAt: next, code: failure.code, message: failure.message });
      ctx.escrowed.add(`${type}:${id}:${op}`);
      log(failure.code, failure.message);
    }
    return 'failed';
  }
}
