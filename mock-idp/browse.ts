/**
 * Paged reads of an IdP state for a user interface (the provisioning console): the directory with each object's
 * assignment and link, and the provisioning logs with the portal's filters. One page costs one indexed or
 * single-pass query however large the state, so 100 000 users page as fast as 100.
 */
import type { Db } from './db.js';
import { JobState, type LinkState, type SourceType } from './cycles/state.js';
import { DirectoryStore } from './directory/store.js';
import type { DirectoryGroup, DirectoryUser } from './directory/types.js';
import { LogStore, type LogFilter, type ProvisioningObjectSummary } from './logs/store.js';
import { jobIdOf } from './state-file.js';

export const MAX_PAGE = 200;

export interface DirectoryRow {
  type: SourceType;
  id: string;
  displayName: string;
  /** Users: userPrincipalName and mail; groups: mail nickname and member count. */
  userPrincipalName?: string;
  mail?: string;
  accountEnabled?: boolean;
  members?: number;
  /** How the object is assigned to the application: 'all' (no assignments: sync all), 'direct', 'group <name>', or 'none'. */
  assignment: string;
  /** The link to the target, when the object was provisioned. */
  link?: { targetId: string; state: LinkState };
}

export interface DirectoryPageQuery {
  type: SourceType;
  /** Part of a name, UPN or mail, or an exact id (case-insensitive). */
  search?: string;
  offset: number;
  limit: number;
}

export function directoryPage(db: Db, q: DirectoryPageQuery): { total: number; items: DirectoryRow[] } {
  const dir = new DirectoryStore(db);
  const state = new JobState(db);
  const table = q.type === 'user' ? 'dir_users' : 'dir_groups';
  const search = q.search?.trim();
  // The stored JSON holds every property: one pass over it finds a name, a UPN or a mail without parsing.
  const where = search ? 'WHERE id = ? OR instr(lower(data), lower(?)) > 0' : '';
  const params = search ? [search, search] : [];
  const total = search
    ? db.prepare<string[], number>(`SELECT COUNT(*) FROM ${table} ${where}`).pluck().get(...params) ?? 0
    : dir.counts()[q.type === 'user' ? 'users' : 'groups'];
  const rows = db.prepare<Array<string | number>, { id: string; data: string }>(`SELECT id, data FROM ${table} ${where} ORDER BY rid LIMIT ? OFFSET ?`)
    .all(...params, clampLimit(q.limit), Math.max(0, q.offset));
  const assignAll = dir.assignAll();
  const assignedGroups = assignAll ? new Map<string, string | null>() : dir.assignedGroups();
  const assignmentOf = (id: string): string => {
    if (assignAll) return 'all';
    if (dir.assignment(id)) return 'direct';
    if (q.type === 'group') return 'none';
    const via = dir.groupsOf(id).find((g) => assignedGroups.has(g));
    return via ? `group ${dir.getGroup(via)?.displayName ?? via}` : 'none';
  };
  const items = rows.map((r): DirectoryRow => {
    const link = state.link(q.type, r.id);
    const base = { type: q.type, id: r.id, assignment: assignmentOf(r.id), ...(link ? { link: { targetId: link.targetId, state: link.state } } : {}) };
    if (q.type === 'user') {
      const u = JSON.parse(r.data) as DirectoryUser;
      return {
        ...base,
        displayName: u.displayName ?? u.userPrincipalName,
        userPrincipalName: u.userPrincipalName,
        ...(u.mail ? { mail: u.mail } : {}),
        accountEnabled: u.accountEnabled !== false,
      };
    }
    const g = JSON.parse(r.data) as DirectoryGroup;
    return { ...base, displayName: g.displayName, ...(g.mail ? { mail: g.mail } : {}), members: dir.membersOf(r.id).length };
  });
  return { total, items };
}

/** A group's direct members that are users of the directory (the first `limit`), for choosing who goes with it on demand. */
export function groupMembers(db: Db, groupId: string, limit: number): { total: number; items: Array<{ id: string; displayName: string; userPrincipalName: string }> } {
  const dir = new DirectoryStore(db);
  const users = dir.membersOf(groupId).flatMap((id) => {
    const u = dir.getUser(id);
    return u ? [{ id, displayName: u.displayName ?? u.userPrincipalName, userPrincipalName: u.userPrincipalName }] : [];
  });
  return { total: users.length, items: users.slice(0, clampLimit(limit)) };
}

/** One page of the provisioning logs, newest first. */
export function logPage(db: Db, filter: LogFilter, offset: number, limit: number): { total: number; items: ProvisioningObjectSummary[] } {
  return new LogStore(db, { jobId: jobIdOf(db) }).page(filter, Math.max(0, offset), clampLimit(limit));
}

/** Every log entry `filter` selects, oldest first, read as the caller goes (for a download). */
export function selectLogs(db: Db, filter: LogFilter): Iterable<ProvisioningObjectSummary> {
  return new LogStore(db, { jobId: jobIdOf(db) }).select(filter);
}

function clampLimit(limit: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(limit)));
}
