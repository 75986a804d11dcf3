/**
 * The directory in the IdP's SQLite state, with a change log whose sequence number is the Graph-delta
 * watermark. An import replaces the whole directory in one transaction and logs only what changed:
 * a user missing from the new file is hard-deleted, `deletedDateTime` marks a soft delete.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db.js';
import type { Assignment, DirectoryGroup, DirectoryInput, DirectoryUser } from './types.js';

export type ObjectType = 'user' | 'group';
export type ChangeKind = 'create' | 'update' | 'delete' | 'membership' | 'assignment';
export interface ImportSummary {
  users: { created: number; updated: number; deleted: number; unchanged: number };
  groups: { created: number; updated: number; deleted: number; unchanged: number };
  memberships: { added: number; removed: number };
  assignments: { changed: number; assignAll: boolean };
  changes: number;
}
export interface Row {
  rid: number;
  id: string;
  data: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dir_users (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, manager_id TEXT, hash TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dir_users_by_manager ON dir_users (manager_id);
CREATE TABLE IF NOT EXISTS dir_groups (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dir_members (group_id TEXT NOT NULL, member_id TEXT NOT NULL, PRIMARY KEY (group_id, member_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dir_members_by_member ON dir_members (member_id);
CREATE TABLE IF NOT EXISTS dir_assignments (principal_id TEXT PRIMARY KEY, principal_type TEXT NOT NULL, app_role TEXT);
CREATE INDEX IF NOT EXISTS dir_assignments_by_type ON dir_assignments (principal_type);
CREATE TABLE IF NOT EXISTS dir_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dir_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, object_type TEXT NOT NULL, object_id TEXT NOT NULL, change TEXT NOT NULL);
`;

/** Keys sorted so that the same object always serialises (and hashes) the same. */
function canonical(obj: Record<string, unknown>, omit: string): string {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) if (k !== omit && obj[k] !== undefined && obj[k] !== null) out[k] = obj[k];
  return JSON.stringify(out);
}
const hashOf = (s: string): string => createHash('sha1').update(s).digest('base64');

export class DirectoryStore {
  private readonly db: Db;
  private readonly q;

  constructor(db: Db) {
    this.db = db;
    db.exec(SCHEMA);
    this.q = {
      userHash: db.prepare<[string], { hash: string }>('SELECT hash FROM dir_users WHERE id = ?'),
      groupHash: db.prepare<[string], { hash: string }>('SELECT hash FROM dir_groups WHERE id = ?'),
      insertUser: db.prepare('INSERT INTO dir_users (id, hash, data, manager_id) VALUES (?, ?, ?, ?)'),
      updateUser: db.prepare('UPDATE dir_users SET hash = ?, data = ?, manager_id = ? WHERE id = ?'),
      deleteUser: db.prepare('DELETE FROM dir_users WHERE id = ?'),
      insertGroup: db.prepare('INSERT INTO dir_groups (id, hash, data) VALUES (?, ?, ?)'),
      updateGroup: db.prepare('UPDATE dir_groups SET hash = ?, data = ? WHERE id = ?'),
      deleteGroup: db.prepare('DELETE FROM dir_groups WHERE id = ?'),
      allUserIds: db.prepare<[], string>('SELECT id FROM dir_users').pluck(),
      allGroupIds: db.prepare<[], string>('SELECT id FROM dir_groups').pluck(),
      reports: db.prepare<[string], string>('SELECT id FROM dir_users WHERE manager_id = ?').pluck(),
      members: db.prepare<[string], string>('SELECT member_id FROM dir_members WHERE group_id = ?').pluck(),
      groupsOf: db.prepare<[string], string>('SELECT group_id FROM dir_members WHERE member_id = ?').pluck(),
      addMember: db.prepare('INSERT INTO dir_members (group_id, member_id) VALUES (?, ?)'),
      removeMember: db.prepare('DELETE FROM dir_members WHERE group_id = ? AND member_id = ?'),
      removeGroupMembers: db.prepare('DELETE FROM dir_members WHERE group_id = ?'),
      assignments: db.prepare<[], { principal_id: string; principal_type: string; app_role: string | null }>('SELECT principal_id, principal_type, app_role FROM dir_assignments'),
      groupAssignments: db.prepare<[], { principal_id: string; app_role: string | null }>("SELECT principal_id, app_role FROM dir_assignments WHERE principal_type = 'Group'"),
      assignment: db.prepare<[string], { principal_type: string; app_role: string | null }>('SELECT principal_type, app_role FROM dir_assignments WHERE principal_id = ?'),
      clearAssignments: db.prepare('DELETE FROM dir_assignments'),
      addAssignment: db.prepare('INSERT INTO dir_assignments (principal_id, principal_type, app_role) VALUES (?, ?, ?)'),
      meta: db.prepare<[string], string>('SELECT value FROM dir_meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT INTO dir_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      change: db.prepare('INSERT INTO dir_changes (object_type, object_id, change) VALUES (?, ?, ?)'),
      maxSeq: db.prepare<[], number | null>('SELECT MAX(seq) FROM dir_changes').pluck(),
      changes: db.prepare<[number, number], { object_type: ObjectType; object_id: string; change: ChangeKind }>(
        'SELECT object_type, object_id, change FROM dir_changes WHERE seq > ? AND seq <= ? ORDER BY seq',
      ),
      user: db.prepare<[string], string>('SELECT data FROM dir_users WHERE id = ?').pluck(),
      group: db.prepare<[string], string>('SELECT data FROM dir_groups WHERE id = ?').pluck(),
      userPage: db.prepare<[number, number], Row>('SELECT rid, id, data FROM dir_users WHERE rid > ? ORDER BY rid LIMIT ?'),
      groupPage: db.prepare<[number, number], Row>('SELECT rid, id, data FROM dir_groups WHERE rid > ? ORDER BY rid LIMIT ?'),
      countUsers: db.prepare<[], number>('SELECT COUNT(*) FROM dir_users').pluck(),
      countGroups: db.prepare<[], number>('SELECT COUNT(*) FROM dir_groups').pluck(),
    };
  }

  /** Replaces the directory with `input` in one transaction, logging each change; returns what changed. */
  importDirectory(input: DirectoryInput): ImportSummary {
    const run = this.db.transaction((): ImportSummary => {
      const before = this.maxSeq();
      const summary: ImportSummary = {
        users: { created: 0, updated: 0, deleted: 0, unchanged: 0 },
        groups: { created: 0, updated: 0, deleted: 0, unchanged: 0 },
        memberships: { added: 0, removed: 0 },
        assignments: { changed: 0, assignAll: input.assignments === undefined },
        changes: 0,
      };
      const log = (type: ObjectType, id: string, change: ChangeKind): void => void this.q.change.run(type, id, change);
      const upsert = (type: ObjectType, obj: Record<string, unknown>, omit: string, counts: ImportSummary['users']): void => {
        const data = canonical(obj, omit);
        const hash = hashOf(data);
        const id = obj.id as string;
        const old = (type === 'user' ? this.q.userHash : this.q.groupHash).get(id);
        const manager = typeof obj.manager === 'string' ? obj.manager : null;
        if (!old) {
          if (type === 'user') this.q.insertUser.run(id, hash, data, manager);
          else this.q.insertGroup.run(id, hash, data);
          log(type, id, 'create');
          counts.created++;
        } else if (old.hash !== hash) {
          if (type === 'user') this.q.updateUser.run(hash, data, manager, id);
          else this.q.updateGroup.run(hash, data, id);
          log(type, id, 'update');
          counts.updated++;
        } else counts.unchanged++;
      };

      const userIds = new Set<string>();
      for (const u of input.users) {
        userIds.add(u.id);
        upsert('user', u, '', summary.users);
      }
      for (const id of this.q.allUserIds.all()) {
        if (userIds.has(id)) continue;
        this.q.deleteUser.run(id);
        for (const g of this.q.groupsOf.all(id)) this.q.removeMember.run(g, id);
        log('user', id, 'delete');
        summary.users.deleted++;
      }
      const groups = input.groups ?? [];
      const groupIds = new Set(groups.map((g) => g.id));
      for (const g of groups) {
        upsert('group', g, 'members', summary.groups);
        const now = new Set(g.members ?? []);
        const was = new Set(this.q.members.all(g.id));
        let changed = false;
        for (const m of now) {
          if (was.has(m)) continue;
          this.q.addMember.run(g.id, m);
          if (userIds.has(m)) log('user', m, 'membership');
          summary.memberships.added++;
          changed = true;
        }
        for (const m of was) {
          if (now.has(m)) continue;
          this.q.removeMember.run(g.id, m);
          if (userIds.has(m)) log('user', m, 'membership');
          summary.memberships.removed++;
          changed = true;
        }
        if (changed) log('group', g.id, 'membership');
      }
      for (const id of this.q.allGroupIds.all()) {
        if (groupIds.has(id)) continue;
        for (const m of this.q.members.all(id)) if (userIds.has(m)) log('user', m, 'membership');
        this.q.deleteGroup.run(id);
        this.q.removeGroupMembers.run(id);
        log('group', id, 'delete');
        summary.groups.deleted++;
      }
      this.replaceAssignments(input, userIds, groupIds, summary, log);
      summary.changes = this.maxSeq() - before;
      return summary;
    });
    return run.immediate();
  }

  private replaceAssignments(
    input: DirectoryInput,
    userIds: Set<string>,
    groupIds: Set<string>,
    summary: ImportSummary,
    log: (type: ObjectType, id: string, change: ChangeKind) => void,
  ): void {
    const assignAll = input.assignments === undefined;
    const wasAll = this.assignAll();
    const old = new Map(this.q.assignments.all().map((a) => [a.principal_id, a]));
    const next = new Map<string, Assignment>((input.assignments ?? []).map((a) => [a.principalId, a]));
    const touched = new Set<string>();
    if (assignAll !== wasAll) {
      // The scope mode flipped: every object's scope may have changed.
      for (const id of userIds) touched.add(id);
      for (const id of groupIds) touched.add(id);
    }
    for (const [id, a] of next) {
      const o = old.get(id);
      if (!o || (o.app_role ?? undefined) !== a.appRole) touched.add(id);
    }
    for (const id of old.keys()) if (!next.has(id)) touched.add(id);
    this.q.clearAssignments.run();
    for (const a of next.values()) this.q.addAssignment.run(a.principalId, groupIds.has(a.principalId) ? 'Group' : 'User', a.appRole ?? null);
    this.q.setMeta.run('assign_all', assignAll ? '1' : '0');
    for (const id of touched) {
      if (groupIds.has(id) || old.get(id)?.principal_type === 'Group') {
        if (groupIds.has(id)) log('group', id, 'assignment');
        summary.assignments.changed++;
        // Assigning or unassigning a group changes the scope of its direct members.
        for (const m of this.q.members.all(id)) if (userIds.has(m)) log('user', m, 'assignment');
      } else if (userIds.has(id)) {
        log('user', id, 'assignment');
        summary.assignments.changed++;
      }
    }
  }

  /**
   * Changes one object's properties (a rename, a sign-in block) and logs the change, so the next incremental
   * cycle sees it; `null` removes a property. Answers false when there is no such object.
   */
  patchObject(type: ObjectType, id: string, changes: Record<string, string | boolean | null>): boolean {
    return this.db.transaction((): boolean => {
      const current = type === 'user' ? this.getUser(id) : this.getGroup(id);
      if (!current) return false;
      const next: Record<string, unknown> = { ...current, ...changes };
      const data = canonical(next, type === 'group' ? 'members' : '');
      const hash = hashOf(data);
      if (type === 'user') this.q.updateUser.run(hash, data, typeof next.manager === 'string' ? next.manager : null, id);
      else this.q.updateGroup.run(hash, data, id);
      this.q.change.run(type, id, 'update');
      return true;
    }).immediate();
  }

  /**
   * Assigns a user or group to the application, or removes its direct assignment; a group's members change
   * scope with it. Only for a directory with assignments: without any, everything is in scope (sync all).
   */
  setAssigned(type: ObjectType, id: string, assigned: boolean): 'changed' | 'unchanged' | 'missing' | 'assignAll' {
    return this.db.transaction(() => {
      if (!(type === 'user' ? this.q.user.get(id) : this.q.group.get(id))) return 'missing';
      if (this.assignAll()) return 'assignAll';
      const has = this.q.assignment.get(id) !== undefined;
      if (has === assigned) return 'unchanged';
      if (assigned) this.q.addAssignment.run(id, type === 'user' ? 'User' : 'Group', null);
      else this.db.prepare('DELETE FROM dir_assignments WHERE principal_id = ?').run(id);
      this.q.change.run(type, id, 'assignment');
      if (type === 'group') for (const m of this.q.members.all(id)) if (this.q.user.get(m) !== undefined) this.q.change.run('user', m, 'assignment');
      return 'changed' as const;
    }).immediate();
  }

  assignAll(): boolean {
    return (this.q.meta.get('assign_all') ?? '1') === '1';
  }
  maxSeq(): number {
    return this.q.maxSeq.get() ?? 0;
  }
  /** Distinct objects changed in (from, to], in first-change order. */
  changesSince(from: number, to: number): Array<{ type: ObjectType; id: string }> {
    const seen = new Set<string>();
    const out: Array<{ type: ObjectType; id: string }> = [];
    for (const c of this.q.changes.iterate(from, to)) {
      const key = `${c.object_type}:${c.object_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: c.object_type, id: c.object_id });
    }
    return out;
  }
  getUser(id: string): DirectoryUser | undefined {
    const d = this.q.user.get(id);
    return d === undefined ? undefined : (JSON.parse(d) as DirectoryUser);
  }
  getGroup(id: string): DirectoryGroup | undefined {
    const d = this.q.group.get(id);
    return d === undefined ? undefined : (JSON.parse(d) as DirectoryGroup);
  }
  userPage(afterRid: number, limit: number): Row[] {
    return this.q.userPage.all(afterRid, limit);
  }
  groupPage(afterRid: number, limit: number): Row[] {
    return this.q.groupPage.all(afterRid, limit);
  }
  membersOf(groupId: string): string[] {
    return this.q.members.all(groupId);
  }
  /** Direct reports (users whose manager is `userId`). */
  reportsOf(userId: string): string[] {
    return this.q.reports.all(userId);
  }
  groupsOf(userId: string): string[] {
    return this.q.groupsOf.all(userId);
  }
  assignment(principalId: string): { type: 'User' | 'Group'; appRole: string | null } | undefined {
    const a = this.q.assignment.get(principalId);
    return a ? { type: a.principal_type as 'User' | 'Group', appRole: a.app_role } : undefined;
  }
  /** Assigned groups and their app roles (small; read once per cycle). */
  assignedGroups(): Map<string, string | null> {
    return new Map(this.q.groupAssignments.all().map((a) => [a.principal_id, a.app_role]));
  }
  counts(): { users: number; groups: number } {
    return { users: this.q.countUsers.get() ?? 0, groups: this.q.countGroups.get() ?? 0 };
  }
}
