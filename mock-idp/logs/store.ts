/**
 * Provisioning logs: one compact row per object per cycle, buffered and written in transactions; read back in
 * the shape of Microsoft Graph's provisioningObjectSummary (docs/entra-behaviour.md §4.11). Kept 30 simulated days.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db.js';
import type { Profile } from '../../core/profile.js';
import type { ErrorCode } from '../escrow/error-codes.js';
import { DAY } from '../escrow/schedule.js';

export type ProvisioningAction = 'create' | 'update' | 'delete' | 'stagedDelete' | 'disable' | 'other';
export type ProvisioningStatus = 'success' | 'warning' | 'failure' | 'skipped';
export type StepType = 'import' | 'scoping' | 'matching' | 'processing' | 'referenceResolution' | 'export';

export interface LogStep {
  type: StepType;
  status: ProvisioningStatus;
  description: string;
  details?: Record<string, string>;
}
export interface ModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}
export interface LogEntry {
  cycleId: string;
  /** Simulated time of the activity (ms). */
  at: number;
  durationMs: number;
  action: ProvisioningAction;
  status: ProvisioningStatus;
  sourceType: 'user' | 'group';
  sourceId: string;
  sourceName: string;
  targetId?: string;
  errorCode?: ErrorCode;
  errorReason?: string;
  steps: LogStep[];
  modified: ModifiedProperty[];
  initiatedBy?: 'system' | 'onDemand';
  /** The IdP whose provisioning wrote the entry; absent: Entra. */
  profile?: Profile;
}

export interface ProvisioningObjectSummary {
  id: string;
  activityDateTime: string;
  changeId: string;
  cycleId: string;
  jobId: string;
  durationInMilliseconds: number;
  initiatedBy: { id: string; displayName: string; initiatorType: 'system' | 'user' };
  modifiedProperties: ModifiedProperty[];
  provisioningAction: ProvisioningAction;
  provisioningStatusInfo: { status: ProvisioningStatus; errorInformation?: { errorCode: string; reason: string; errorCategory: string; recommendedAction: string } };
  provisioningSteps: Array<{ name: string; description: string; details: Record<string, string>; provisioningStepType: StepType; status: ProvisioningStatus }>;
  servicePrincipal: { id: string; displayName: string };
  sourceIdentity: { id: string; displayName: string; identityType: string; details: Record<string, string> };
  sourceSystem: { id: string; displayName: string; details: Record<string, string> };
  targetIdentity: { id: string; displayName: string; identityType: string; details: Record<string, string> };
  targetSystem: { id: string; displayName: string; details: Record<string, string> };
  tenantId: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS logs (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, cycle_id TEXT NOT NULL, job_id TEXT NOT NULL, at INTEGER NOT NULL,
  action TEXT NOT NULL, status TEXT NOT NULL, source_type TEXT NOT NULL, source_id TEXT NOT NULL, error_code TEXT, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS logs_by_cycle ON logs (cycle_id);
CREATE INDEX IF NOT EXISTS logs_by_source ON logs (source_id);
CREATE INDEX IF NOT EXISTS logs_by_time ON logs (at);
CREATE INDEX IF NOT EXISTS logs_by_id ON logs (id);
-- The console's pages: a count and the newest page of one job without reading the entries' bodies.
CREATE INDEX IF NOT EXISTS logs_by_job ON logs (job_id, seq);
`;

const STEP_NAMES: Record<StepType, string> = {
  import: 'EntryImport',
  scoping: 'EntryScopingEvaluation',
  matching: 'EntryMatching',
  processing: 'EntrySynchronizationEvaluation',
  referenceResolution: 'EntryReferenceResolution',
  export: 'EntryExport',
};
const RECOMMENDED: Partial<Record<ErrorCode, string>> = {
  TooManyRequests: 'The target app throttled the request; it is retried automatically.',
  InternalServerError: 'The target app returned a server error; it is retried in the next cycle.',
  Timeout: 'The target app was too slow; it is retried in the next cycle.',
  InvalidAnchor: 'The object was deleted in the target; restart provisioning with reset to re-match.',
  EntryConflict: 'A conflicting object exists in the target; fix the data or the matching attributes.',
  DuplicateTargetEntries: 'More than one target object matched; make the matching attribute unique in the target.',
  Unauthorized: 'Check the secret token or the OAuth client credentials.',
  StagedDelete: 'The accidental-deletion threshold was exceeded; allow the deletes or restart.',
};

export interface LogQuery {
  cycleId?: string;
  action?: ProvisioningAction;
  status?: ProvisioningStatus;
  sourceId?: string;
  limit?: number;
}

/** The portal's filters (docs/entra-behaviour.md §4.11): what the console's log table and its downloads select. */
export interface LogFilter {
  /** Source id, target id, or part of the display name (case-insensitive). */
  identity?: string;
  status?: ProvisioningStatus;
  action?: ProvisioningAction;
  cycleId?: string;
  /** The entry's id: Graph's changeId is the entry's own id here (one object, one change). */
  changeId?: string;
  jobId?: string;
  /** Simulated time range, inclusive (ms). */
  from?: number;
  to?: number;
}

export class LogStore {
  private readonly db: Db;
  private readonly jobId: string;
  private readonly tenantId: string;
  private buffer: LogEntry[] = [];
  private readonly insert;
  private readonly flushTx;
  private readonly pruneStmt;

  constructor(db: Db, opts: { jobId: string; tenantId?: string }) {
    this.db = db;
    db.exec(SCHEMA);
    this.jobId = opts.jobId;
    this.tenantId = opts.tenantId ?? '00000000-0000-0000-0000-000000000000';
    this.insert = db.prepare('INSERT INTO logs (id, cycle_id, job_id, at, action, status, source_type, source_id, error_code, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.pruneStmt = db.prepare('DELETE FROM logs WHERE at < ?');
    this.flushTx = db.transaction((entries: LogEntry[]) => {
      for (const e of entries) {
        this.insert.run(randomUUID(), e.cycleId, this.jobId, e.at, e.action, e.status, e.sourceType, e.sourceId, e.errorCode ?? null, JSON.stringify(e));
      }
    });
  }

  add(entry: LogEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= 500) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const entries = this.buffer;
    this.buffer = [];
    this.flushTx(entries);
  }

  /** Drops entries older than the retention (30 days for premium tenants) relative to `now`. */
  prune(now: number, retentionMs = 30 * DAY): void {
    this.pruneStmt.run(now - retentionMs);
  }

  lastCycleId(): string | undefined {
    return this.db.prepare<[string], string>('SELECT cycle_id FROM logs WHERE job_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(this.jobId);
  }

  query(q: LogQuery = {}): ProvisioningObjectSummary[] {
    this.flush();
    const where: string[] = ['job_id = ?'];
    const params: Array<string | number> = [this.jobId];
    if (q.cycleId) { where.push('cycle_id = ?'); params.push(q.cycleId); }
    if (q.action) { where.push('action = ?'); params.push(q.action); }
    if (q.status) { where.push('status = ?'); params.push(q.status); }
    if (q.sourceId) { where.push('source_id = ?'); params.push(q.sourceId); }
    const sql = `SELECT id, body FROM logs WHERE ${where.join(' AND ')} ORDER BY seq${q.limit ? ` LIMIT ${Math.max(1, Math.floor(q.limit))}` : ''}`;
    return this.db.prepare<Array<string | number>, { id: string; body: string }>(sql).all(...params).map((r) => this.toSummary(r.id, JSON.parse(r.body) as LogEntry));
  }

  /** Entries matching `f`, newest first, `limit` from `offset`; and how many match in all. */
  page(f: LogFilter, offset: number, limit: number): { total: number; items: ProvisioningObjectSummary[] } {
    this.flush();
    const { where, params } = this.filterSql(f);
    const total = this.db.prepare<Array<string | number>, number>(`SELECT COUNT(*) FROM logs WHERE ${where}`).pluck().get(...params) ?? 0;
    const rows = this.db.prepare<Array<string | number>, { id: string; body: string }>(`SELECT id, body FROM logs WHERE ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...params, limit, offset);
    return { total, items: rows.map((r) => this.toSummary(r.id, JSON.parse(r.body) as LogEntry)) };
  }

  /** Every entry matching `f`, oldest first (what a download holds), read lazily. */
  *select(f: LogFilter): Generator<ProvisioningObjectSummary> {
    this.flush();
    const { where, params } = this.filterSql(f);
    const stmt = this.db.prepare<Array<string | number>, { id: string; body: string }>(`SELECT id, body FROM logs WHERE ${where} ORDER BY seq`);
    for (const r of stmt.iterate(...params)) yield this.toSummary(r.id, JSON.parse(r.body) as LogEntry);
  }

  private filterSql(f: LogFilter): { where: string; params: Array<string | number> } {
    const where: string[] = ['job_id = ?'];
    const params: Array<string | number> = [this.jobId];
    const eq = (column: string, v: string | undefined): void => {
      if (v !== undefined && v !== '') { where.push(`${column} = ?`); params.push(v); }
    };
    eq('status', f.status);
    eq('action', f.action);
    eq('cycle_id', f.cycleId);
    eq('id', f.changeId);
    eq('job_id', f.jobId);
    if (f.from !== undefined) { where.push('at >= ?'); params.push(f.from); }
    if (f.to !== undefined) { where.push('at <= ?'); params.push(f.to); }
    const identity = f.identity?.trim();
    if (identity) {
      // An exact id uses the source index; a name part reads the entries' bodies (still one pass, no JSON parse).
      where.push("(source_id = ? OR json_extract(body, '$.targetId') = ? OR instr(lower(json_extract(body, '$.sourceName')), lower(?)) > 0)");
      params.push(identity, identity, identity);
    }
    return { where: where.join(' AND '), params };
  }

  private toSummary(id: string, e: LogEntry): ProvisioningObjectSummary {
    const status: ProvisioningObjectSummary['provisioningStatusInfo'] = { status: e.status };
    if (e.errorCode && e.status !== 'success' && e.status !== 'skipped') {
      status.errorInformation = {
        errorCode: e.errorCode,
        reason: e.errorReason ?? '',
        errorCategory: e.errorCode === 'TooManyRequests' || e.errorCode === 'Timeout' || e.errorCode === 'InternalServerError' ? 'Transient' : 'NonServiceFailure',
        recommendedAction: RECOMMENDED[e.errorCode] ?? '',
      };
    }
    const okta = e.profile === 'okta';
    return {
      id,
      activityDateTime: new Date(e.at).toISOString(),
      changeId: id,
      cycleId: e.cycleId,
      jobId: this.jobId,
      durationInMilliseconds: e.durationMs,
      initiatedBy: e.initiatedBy === 'onDemand'
        ? { id: '', displayName: 'Provision on demand', initiatorType: 'user' }
        : { id: '', displayName: okta ? 'Okta provisioning (scim-conform mock IdP)' : 'Azure AD Provisioning Service (scim-conform mock IdP)', initiatorType: 'system' },
      modifiedProperties: e.modified,
      provisioningAction: e.action,
      provisioningStatusInfo: status,
      provisioningSteps: e.steps.map((s) => ({ name: STEP_NAMES[s.type], description: s.description, details: s.details ?? {}, provisioningStepType: s.type, status: s.status })),
      servicePrincipal: { id: '', displayName: 'scim-conform mock IdP' },
      sourceIdentity: { id: e.sourceId, displayName: e.sourceName, identityType: e.sourceType === 'user' ? 'User' : 'Group', details: {} },
      // The profile mark: Graph's shape has no field for the IdP, so the source system names it.
      sourceSystem: okta ? { id: '', displayName: 'Okta', details: { profile: 'okta' } } : { id: '', displayName: 'Azure Active Directory', details: {} },
      targetIdentity: {
        id: e.targetId ?? '',
        displayName: e.sourceName,
        identityType: e.sourceType === 'user' ? 'urn:ietf:params:scim:schemas:core:2.0:User' : 'urn:ietf:params:scim:schemas:core:2.0:Group',
        details: {},
      },
      targetSystem: { id: '', displayName: 'SCIM endpoint', details: {} },
      tenantId: this.tenantId,
    };
  }
}
