/**
 * Resources and memberships on top of SQLite. Knows rows and indexes, not SCIM rules: uniqueness, versions
 * and timestamps are decided by the caller (the service) inside one `transaction`.
 *
 * A group's members live in `memberships`, one row each, so adding or removing a member of a 10 000-member
 * group touches one row; `stats.memberRowsRead` lets tests prove that no write loads the whole list.
 */
import type { Statement } from 'better-sqlite3';
import type { ResourceType } from '../../core/resource-type.js';
import type { Db } from './db.js';

/** A JSON object as stored and returned. */
export type Json = Record<string, unknown>;

export interface Member {
  value: string;
  /** Absent when the id names no stored resource (tolerated: see README of reference-app/routes). */
  type?: ResourceType;
  display?: string;
}

export interface StoredResource {
  id: string;
  type: ResourceType;
  created: string;
  lastModified: string;
  version: number;
  /** Every attribute except id, meta and (for groups) members. */
  attrs: Json;
}

/** A stored resource with its attributes as the JSON text they are stored as, not parsed (render.ts's toResourceText). */
export interface StoredText extends Omit<StoredResource, 'attrs'> {
  attrsText: string;
}

/** The indexed lookups a filter can be narrowed to (see extractEqualityHint in core/filter). */
export type IndexedAttr = 'id' | 'userName' | 'externalId' | 'displayName';

/** A resource row as better-sqlite3's raw mode returns it: an array in ROW's column order, which is cheaper to
 * build than an object with named keys (about 2 µs of a lookup's 9–11 µs with cold caches). */
type Row = [id: string, type: ResourceType, created: string, lastModified: string, version: number, attrs: string];

interface MemberRow {
  value: string;
  type: ResourceType | null;
  display: string | null;
}

const lower = (s: unknown): string | null => (typeof s === 'string' ? s.toLowerCase() : null);

function fromRow([id, type, created, lastModified, version, attrs]: Row): StoredResource {
  return { id, type, created, lastModified, version, attrs: JSON.parse(attrs) as Json };
}

function fromRowText([id, type, created, lastModified, version, attrsText]: Row): StoredText {
  return { id, type, created, lastModified, version, attrsText };
}

function toMember(r: MemberRow): Member {
  const m: Member = { value: r.value };
  if (r.type) m.type = r.type;
  if (r.display !== null) m.display = r.display;
  return m;
}

/** The columns of a Row, in its order: the lookup columns (user_name, …) only serve the indexes, and each column read costs. */
const ROW = 'id, type, created, last_modified, version, attrs';

/**
 * Every statement the store runs. Exported so a self-test can pin their query plans: an equality lookup must
 * search its own index, never walk every resource of the type.
 */
export const SQL = {
  get: `SELECT ${ROW} FROM resources WHERE id = ? AND type = ?`,
  typeOf: 'SELECT type FROM resources WHERE id = ?',
  insert: `INSERT INTO resources (id, type, user_name, display_name, external_id, created, last_modified, version, attrs)
             VALUES (@id, @type, @userName, @displayName, @externalId, @created, @lastModified, @version, @attrs)`,
  update: `UPDATE resources SET user_name = @userName, display_name = @displayName, external_id = @externalId,
             last_modified = @lastModified, version = @version, attrs = @attrs
             WHERE id = @id AND type = @type`,
  touch: 'UPDATE resources SET last_modified = ?, version = version + 1 WHERE id = ?',
  delete: 'DELETE FROM resources WHERE id = ? AND type = ?',
  byUserName: `SELECT ${ROW} FROM resources WHERE type = ? AND user_name = ? ORDER BY created, id`,
  byDisplayName: `SELECT ${ROW} FROM resources WHERE type = ? AND display_name = ? ORDER BY created, id`,
  byExternalId: `SELECT ${ROW} FROM resources WHERE type = ? AND external_id = ? ORDER BY created, id`,
  all: `SELECT ${ROW} FROM resources WHERE type = ? ORDER BY created, id`,
  page: `SELECT ${ROW} FROM resources WHERE type = ? ORDER BY created, id LIMIT ? OFFSET ?`,
  count: 'SELECT count(*) AS n FROM resources WHERE type = ?',
  members: 'SELECT value, type, display FROM memberships WHERE group_id = ? ORDER BY seq',
  memberCount: 'SELECT count(*) AS n FROM memberships WHERE group_id = ?',
  addMember: `INSERT INTO memberships (group_id, value, type, display) VALUES (?, ?, ?, ?)
                ON CONFLICT (group_id, value) DO UPDATE SET display = coalesce(excluded.display, display)`,
  removeMember: 'DELETE FROM memberships WHERE group_id = ? AND value = ?',
  clearMembers: 'DELETE FROM memberships WHERE group_id = ?',
  groupsOf: 'SELECT DISTINCT group_id FROM memberships WHERE value = ?',
  dropMemberEverywhere: 'DELETE FROM memberships WHERE value = ?',
} as const;

/** The statements that select ROW, prepared in raw mode (see Row). */
const ROW_STATEMENTS: ReadonlySet<keyof typeof SQL> = new Set(['get', 'byUserName', 'byDisplayName', 'byExternalId', 'all', 'page']);

export class ResourceStore {
  readonly stats = { memberRowsRead: 0 };
  private readonly s: Record<keyof typeof SQL, Statement>;

  /**
   * One transaction function for every write, made once: better-sqlite3 builds four wrappers each time
   * `db.transaction(fn)` is called, which was 3 % of a POST's CPU. Nested calls become savepoints, as before.
   */
  private readonly immediate: (fn: () => unknown) => unknown;

  constructor(db: Db) {
    this.s = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => {
      const statement = db.prepare(sql);
      return [name, ROW_STATEMENTS.has(name as keyof typeof SQL) ? statement.raw(true) : statement];
    })) as Record<keyof typeof SQL, Statement>;
    this.immediate = db.transaction((fn: () => unknown) => fn()).immediate;
  }

  /** Runs fn in one IMMEDIATE transaction (one write lock, one fsync). */
  transaction<T>(fn: () => T): T {
    // the runner returns what fn returns; its signature cannot carry T
    return this.immediate(fn) as T;
  }

  get(type: ResourceType, id: string): StoredResource | undefined {
    const r = this.s.get.get(id, type) as Row | undefined;
    return r && fromRow(r);
  }

  typeOf(id: string): ResourceType | undefined {
    return (this.s.typeOf.get(id) as { type: ResourceType } | undefined)?.type;
  }

  /** Resources whose indexed attribute equals value (userName and displayName compared case-insensitively). */
  findBy(type: ResourceType, attr: IndexedAttr, value: string): StoredResource[] {
    return this.rowsBy(type, attr, value).map(fromRow);
  }

  /** findBy with the attributes left as stored text. */
  findTextBy(type: ResourceType, attr: IndexedAttr, value: string): StoredText[] {
    return this.rowsBy(type, attr, value).map(fromRowText);
  }

  /** Every resource of a type in the default order (created, then id), parsed lazily. */
  *all(type: ResourceType): Generator<StoredResource> {
    for (const r of this.s.all.iterate(type) as IterableIterator<Row>) yield fromRow(r);
  }

  page(type: ResourceType, offset: number, limit: number): StoredResource[] {
    return (this.s.page.all(type, limit, offset) as Row[]).map(fromRow);
  }

  /** page with the attributes left as stored text. */
  pageText(type: ResourceType, offset: number, limit: number): StoredText[] {
    return (this.s.page.all(type, limit, offset) as Row[]).map(fromRowText);
  }

  count(type: ResourceType): number {
    return (this.s.count.get(type) as { n: number }).n;
  }

  insert(r: StoredResource): void {
    this.s.insert.run(this.params(r));
  }

  update(r: StoredResource): void {
    this.s.update.run(this.params(r));
  }

  /** Bumps version and lastModified without reading the row (member changes). */
  touch(id: string, lastModified: string): void {
    this.s.touch.run(lastModified, id);
  }

  /** Deletes the resource and every membership it had or was, touching the groups that lose a member. */
  delete(type: ResourceType, id: string, now: string): boolean {
    for (const g of this.s.groupsOf.all(id) as { group_id: string }[]) this.touch(g.group_id, now);
    this.s.dropMemberEverywhere.run(id);
    if (type === 'Group') this.s.clearMembers.run(id);
    return this.s.delete.run(id, type).changes > 0;
  }

  members(groupId: string): Member[] {
    const rows = this.s.members.all(groupId) as MemberRow[];
    this.stats.memberRowsRead += rows.length;
    return rows.map(toMember);
  }

  memberCount(groupId: string): number {
    return (this.s.memberCount.get(groupId) as { n: number }).n;
  }

  addMember(groupId: string, m: Member): void {
    this.s.addMember.run(groupId, m.value, m.type ?? null, m.display ?? null);
  }

  removeMember(groupId: string, value: string): boolean {
    return this.s.removeMember.run(groupId, value).changes > 0;
  }

  clearMembers(groupId: string): void {
    this.s.clearMembers.run(groupId);
  }

  private rowsBy(type: ResourceType, attr: IndexedAttr, value: string): Row[] {
    switch (attr) {
      case 'id': {
        const one = this.s.get.get(value, type) as Row | undefined;
        return one ? [one] : [];
      }
      case 'userName': return this.s.byUserName.all(type, value.toLowerCase()) as Row[];
      case 'displayName': return this.s.byDisplayName.all(type, value.toLowerCase()) as Row[];
      case 'externalId': return this.s.byExternalId.all(type, value) as Row[];
    }
  }

  private params(r: StoredResource): Record<string, unknown> {
    const externalId = typeof r.attrs.externalId === 'string' ? r.attrs.externalId : null;
    return {
      id: r.id,
      type: r.type,
      userName: r.type === 'User' ? lower(r.attrs.userName) : null,
      displayName: lower(r.attrs.displayName),
      externalId,
      created: r.created,
      lastModified: r.lastModified,
      version: r.version,
      attrs: JSON.stringify(r.attrs),
    };
  }
}
