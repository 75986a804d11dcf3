/**
 * The job's own memory (Entra's connector data store): source → target links, written the moment the target
 * acknowledges; memberships provisioned per group; escrow entries; job keys (watermark, clock, quarantine).
 */
import { isProfile, type Profile } from '../../core/profile.js';
import type { Db } from '../db.js';
import type { ErrorCode } from '../escrow/error-codes.js';
import type { QuarantineReason } from '../escrow/schedule.js';

export type SourceType = 'user' | 'group';
/** active: provisioned; disabled: in scope but active=false sent; unmanaged: disabled on leaving scope (docs/entra-behaviour.md §4.4). */
export type LinkState = 'active' | 'disabled' | 'unmanaged';
export interface Link {
  targetId: string;
  state: LinkState;
  /** Target id of the manager as last seen or set. */
  managerTarget: string | null;
}
export type EscrowOp = 'object' | 'members' | 'manager';
export interface EscrowEntry {
  type: SourceType;
  id: string;
  op: EscrowOp;
  reference: boolean;
  attempts: number;
  firstFailedAt: number;
  nextRetryAt: number;
  code: ErrorCode;
  message: string;
}
export interface Quarantine {
  reason: QuarantineReason;
  since: number;
  detail: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS links (source_type TEXT NOT NULL, source_id TEXT NOT NULL, target_id TEXT NOT NULL, state TEXT NOT NULL,
  manager_target TEXT, PRIMARY KEY (source_type, source_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS target_members (group_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (group_id, user_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS target_members_by_user ON target_members (user_id);
CREATE TABLE IF NOT EXISTS escrow (source_type TEXT NOT NULL, source_id TEXT NOT NULL, op TEXT NOT NULL, reference INTEGER NOT NULL,
  attempts INTEGER NOT NULL, first_failed_at INTEGER NOT NULL, next_retry_at INTEGER NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
  PRIMARY KEY (source_type, source_id, op)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS job (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface EscrowRow {
  source_type: SourceType; source_id: string; op: EscrowOp; reference: number; attempts: number;
  first_failed_at: number; next_retry_at: number; code: ErrorCode; message: string;
}
const fromRow = (r: EscrowRow): EscrowEntry => ({
  type: r.source_type, id: r.source_id, op: r.op, reference: r.reference === 1, attempts: r.attempts,
  firstFailedAt: r.first_failed_at, nextRetryAt: r.next_retry_at, code: r.code, message: r.message,
});

export class JobState {
  private readonly db: Db;
  /** Job keys are per partition so disjoint jobs can share one state file. */
  private readonly suffix: string;
  private readonly q;

  constructor(db: Db, partition = '') {
    this.db = db;
    this.suffix = partition ? `@${partition}` : '';
    db.exec(SCHEMA);
    this.q = {
      link: db.prepare<[string, string], { target_id: string; state: LinkState; manager_target: string | null }>(
        'SELECT target_id, state, manager_target FROM links WHERE source_type = ? AND source_id = ?'),
      setLink: db.prepare('INSERT INTO links (source_type, source_id, target_id, state, manager_target) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_type, source_id) DO UPDATE SET target_id = excluded.target_id, state = excluded.state, manager_target = excluded.manager_target'),
      setState: db.prepare('UPDATE links SET state = ? WHERE source_type = ? AND source_id = ?'),
      setManager: db.prepare('UPDATE links SET manager_target = ? WHERE source_type = ? AND source_id = ?'),
      dropLink: db.prepare('DELETE FROM links WHERE source_type = ? AND source_id = ?'),
      linkedPage: db.prepare<[string, string, number], { source_id: string; target_id: string; state: LinkState; manager_target: string | null }>(
        'SELECT source_id, target_id, state, manager_target FROM links WHERE source_type = ? AND source_id > ? ORDER BY source_id LIMIT ?'),
      linkCounts: db.prepare<[], { source_type: SourceType; state: LinkState; n: number }>('SELECT source_type, state, COUNT(*) AS n FROM links GROUP BY source_type, state'),
      members: db.prepare<[string], string>('SELECT user_id FROM target_members WHERE group_id = ?').pluck(),
      groupsOfMember: db.prepare<[string], string>('SELECT group_id FROM target_members WHERE user_id = ?').pluck(),
      addMember: db.prepare('INSERT OR IGNORE INTO target_members (group_id, user_id) VALUES (?, ?)'),
      removeMember: db.prepare('DELETE FROM target_members WHERE group_id = ? AND user_id = ?'),
      dropGroupMembers: db.prepare('DELETE FROM target_members WHERE group_id = ?'),
      dropUserMemberships: db.prepare('DELETE FROM target_members WHERE user_id = ?'),
      escrow: db.prepare<[string, string, string], EscrowRow>('SELECT * FROM escrow WHERE source_type = ? AND source_id = ? AND op = ?'),
      putEscrow: db.prepare(`INSERT INTO escrow (source_type, source_id, op, reference, attempts, first_failed_at, next_retry_at, code, message)
        VALUES (@type, @id, @op, @reference, @attempts, @firstFailedAt, @nextRetryAt, @code, @message)
        ON CONFLICT (source_type, source_id, op) DO UPDATE SET reference = excluded.reference, attempts = excluded.attempts,
        next_retry_at = excluded.next_retry_at, code = excluded.code, message = excluded.message`),
      clearEscrow: db.prepare('DELETE FROM escrow WHERE source_type = ? AND source_id = ? AND op = ?'),
      dueEscrow: db.prepare<[number], EscrowRow>('SELECT * FROM escrow WHERE next_retry_at <= ? ORDER BY first_failed_at'),
      escrowCounts: db.prepare<[], { reference: number; n: number }>('SELECT reference, COUNT(*) AS n FROM escrow WHERE code <> \'StagedDelete\' GROUP BY reference'),
      allEscrow: db.prepare<[], EscrowRow>('SELECT * FROM escrow ORDER BY first_failed_at'),
      get: db.prepare<[string], string>('SELECT value FROM job WHERE key = ?').pluck(),
      set: db.prepare('INSERT INTO job (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      del: db.prepare('DELETE FROM job WHERE key = ?'),
    };
  }

  link(type: SourceType, id: string): Link | undefined {
    const r = this.q.link.get(type, id);
    return r ? { targetId: r.target_id, state: r.state, managerTarget: r.manager_target } : undefined;
  }
  /** Persisted at once (autocommit) so a crash after the target's answer loses no link. */
  setLink(type: SourceType, id: string, link: Link): void {
    this.q.setLink.run(type, id, link.targetId, link.state, link.managerTarget);
  }
  setLinkState(type: SourceType, id: string, state: LinkState): void {
    this.q.setState.run(state, type, id);
  }
  setManagerTarget(userId: string, managerTarget: string | null): void {
    this.q.setManager.run(managerTarget, 'user', userId);
  }
  dropLink(type: SourceType, id: string): void {
    this.q.dropLink.run(type, id);
    if (type === 'group') this.q.dropGroupMembers.run(id);
    else this.q.dropUserMemberships.run(id);
  }
  /** How many links there are of each source type and state. */
  linkCounts(): Array<{ type: SourceType; state: LinkState; count: number }> {
    return this.q.linkCounts.all().map((r) => ({ type: r.source_type, state: r.state, count: r.n }));
  }
  linkedPage(type: SourceType, afterId: string, limit: number): Array<{ id: string } & Link> {
    return this.q.linkedPage.all(type, afterId, limit).map((r) => ({ id: r.source_id, targetId: r.target_id, state: r.state, managerTarget: r.manager_target }));
  }

  targetMembers(groupId: string): Set<string> {
    return new Set(this.q.members.all(groupId));
  }
  groupsWithMember(userId: string): string[] {
    return this.q.groupsOfMember.all(userId);
  }
  recordMembers(groupId: string, added: readonly string[], removed: readonly string[]): void {
    this.db.transaction(() => {
      for (const u of added) this.q.addMember.run(groupId, u);
      for (const u of removed) this.q.removeMember.run(groupId, u);
    })();
  }

  escrowEntry(type: SourceType, id: string, op: EscrowOp): EscrowEntry | undefined {
    const r = this.q.escrow.get(type, id, op);
    return r ? fromRow(r) : undefined;
  }
  putEscrow(e: EscrowEntry): void {
    this.q.putEscrow.run({ ...e, reference: e.reference ? 1 : 0 });
  }
  clearEscrow(type: SourceType, id: string, op: EscrowOp): void {
    this.q.clearEscrow.run(type, id, op);
  }
  dueEscrow(now: number): EscrowEntry[] {
    return this.q.dueEscrow.all(now).map(fromRow);
  }
  allEscrow(): EscrowEntry[] {
    return this.q.allEscrow.all().map(fromRow);
  }
  escrowCounts(): { failures: number; referenceFailures: number } {
    let failures = 0;
    let referenceFailures = 0;
    for (const r of this.q.escrowCounts.all()) if (r.reference) referenceFailures += r.n; else failures += r.n;
    return { failures, referenceFailures };
  }

  get(key: string): string | undefined {
    return this.q.get.get(key + this.suffix);
  }
  set(key: string, value: string): void {
    this.q.set.run(key + this.suffix, value);
  }
  delete(key: string): void {
    this.q.del.run(key + this.suffix);
  }
  getNumber(key: string): number | undefined {
    const v = this.get(key);
    return v === undefined ? undefined : Number(v);
  }
  /**
   * The IdP profile that owns the state's links (one key for every partition): set by the Okta job, absent for
   * Entra's, so neither job reads links the other wrote.
   */
  profile(): Profile | undefined {
    const v = this.q.get.get('profile');
    return isProfile(v) ? v : undefined;
  }
  setProfile(profile: Profile): void {
    this.q.set.run('profile', profile);
  }
  quarantine(): Quarantine | undefined {
    const v = this.get('quarantine');
    return v ? (JSON.parse(v) as Quarantine) : undefined;
  }
  setQuarantine(q: Quarantine | undefined): void {
    if (q) this.set('quarantine', JSON.stringify(q));
    else this.delete('quarantine');
  }

  /** Restart (docs/entra-behaviour.md §4.1): clears watermark, escrows and quarantine; with reset also every link (forces re-matching) and the profile owning them. */
  restart(reset: boolean): void {
    this.db.transaction(() => {
      this.delete('watermark');
      this.delete('quarantine');
      this.delete('disabled');
      this.db.prepare('DELETE FROM escrow').run();
      if (reset) {
        this.db.prepare('DELETE FROM links').run();
        this.db.prepare('DELETE FROM target_members').run();
        this.q.del.run('profile');
      }
    })();
  }
}
