/**
 * The one source of Entra's request shapes (docs/entra-behaviour.md §2, §3.3), in both PATCH dialects. Every method returns a
 * ScimRequest with a wire-like step name; bodies are built with keys in the order Entra sends them so a self-test
 * can compare them byte for byte with the documented examples.
 */
import { randomUUID } from 'node:crypto';
import type { ScimRequest } from '../core/client/request.js';
import { MANAGER_PATH } from '../core/entra-default-mapping.js';
import type { Dialect } from '../core/run-config.js';
import { isFilteredPath, readPath, toBoolean } from '../core/filter/index.js';
import { URN } from '../core/urns.js';
import type { MappedValues } from './scim-paths.js';

export type { MappedValue, MappedValues } from './scim-paths.js';

export type ChangeKind = 'add' | 'replace' | 'remove';
/** One attribute change; `path` as Entra writes it (`name.givenName`, `emails[type eq "work"].value`, URN paths). */
export interface AttributeChange {
  path: string;
  value?: unknown;
  kind: ChangeKind;
}

/** A SCIM user as mapped (no schemas/meta: the builder adds them). */
export interface ScimUserPayload {
  userName: string;
  [attribute: string]: unknown;
}

export type ManagerStyle = 'bareString' | 'object' | 'array';

export interface RequestBuilderOptions {
  dialect: Dialect;
  /** `entra` encodes quotes as %22 (real traffic); `validator` leaves them literal. */
  queryStyle?: 'entra' | 'validator';
  /** Tenant URL; only used for the `$ref` of the doc-style (`array`) manager value. */
  baseUrl?: string;
  /**
   * Default-dialect member removal: `compat` = §3.3.4 `[{"value":id}]` (what the compatibility article and the
   * catalogue state); `doc` = §2.2.6 `[{"$ref":null,"value":id}]`.
   */
  removeMembersShape?: 'compat' | 'doc';
}

export interface EntraRequestBuilder {
  readonly dialect: Dialect;
  testConnectionUsers(matchingAttribute?: string, guid?: string): ScimRequest;
  testConnectionGroups(guid?: string): ScimRequest;
  findUser(attributePath: string, value: string): ScimRequest;
  findGroup(displayName: string): ScimRequest;
  /** A group matched on another attribute (matching precedence on, e.g., externalId); members excluded. */
  findGroupBy(attributePath: string, value: string): ScimRequest;
  getUser(id: string): ScimRequest;
  getGroup(id: string, opts?: { excludeMembers?: boolean }): ScimRequest;
  referenceCheck(userId: string, managerId: string): ScimRequest;
  createUser(user: ScimUserPayload): ScimRequest;
  createGroup(group: { displayName: string; externalId?: string }): ScimRequest;
  updateUser(id: string, changes: readonly AttributeChange[]): ScimRequest;
  setActive(id: string, active: boolean): ScimRequest;
  setManager(id: string, managerId: string, op?: 'add' | 'replace', style?: ManagerStyle): ScimRequest;
  removeManager(id: string): ScimRequest;
  updateGroup(id: string, changes: readonly AttributeChange[]): ScimRequest;
  addMembers(groupId: string, memberIds: readonly string[]): ScimRequest;
  removeMembers(groupId: string, memberIds: readonly string[]): ScimRequest;
  deleteUser(id: string): ScimRequest;
  deleteGroup(id: string): ScimRequest;
}

export { MANAGER_PATH };
const NAME_ORDER = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'];

/** RFC 7644 §3.4.2.2 string literal: quotes and backslashes escaped. */
export function filterLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function seg(id: string): string {
  return encodeURIComponent(id);
}

/** Drops null/undefined recursively (Q15: nulls are never sent). */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((e) => e !== null && e !== undefined).map(withoutNulls);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = withoutNulls(val);
  return out;
}

function sortedKeys(obj: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in obj) out[k] = obj[k];
  for (const k of Object.keys(obj).filter((k) => !first.includes(k)).sort()) out[k] = obj[k];
  return out;
}

/** Entries of multi-valued attributes: `primary`, `type`, then the rest alphabetically (§2.1.1, §2.5.4). */
function orderEntry(e: unknown): unknown {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return e;
  const obj = { ...(e as Record<string, unknown>) };
  if ('primary' in obj) obj.primary = toBoolean(obj.primary) ?? obj.primary;
  return sortedKeys(obj, ['primary', 'type']);
}

/** Top level: schemas, externalId, userName, then the rest alphabetically (incl. meta, roles, extension URNs). */
function userBody(user: ScimUserPayload): Record<string, unknown> {
  const clean = withoutNulls(user) as Record<string, unknown>;
  const body: Record<string, unknown> = { schemas: [URN.User, URN.EnterpriseUser], meta: { resourceType: 'User' }, roles: [] };
  for (const [k, v] of Object.entries(clean)) {
    if (k === 'schemas' || k === 'meta') continue;
    if (k === 'active') body[k] = toBoolean(v) ?? v;
    else if (k === 'name' && v && typeof v === 'object' && !Array.isArray(v)) body[k] = sortedKeys(v as Record<string, unknown>, NAME_ORDER);
    else if (Array.isArray(v)) body[k] = v.map(orderEntry);
    else if (k.startsWith('urn:') && v && typeof v === 'object') body[k] = sortedKeys(v as Record<string, unknown>, []);
    else body[k] = v;
  }
  return sortedKeys(body, ['schemas', 'externalId', 'userName']);
}

function patchBody(operations: unknown[]): Record<string, unknown> {
  return { schemas: [URN.PatchOp], Operations: operations };
}

export function createRequestBuilder(opts: RequestBuilderOptions): EntraRequestBuilder {
  const { dialect } = opts;
  const queryStyle = opts.queryStyle ?? 'entra';
  const flagged = dialect === 'aadOptscim062020';
  const opName = (kind: ChangeKind): string => (flagged ? kind : kind.charAt(0).toUpperCase() + kind.slice(1));
  /** Q2: the string booleans of the default dialect, real booleans with the flag. */
  const activeValue = (v: unknown): unknown => {
    const b = toBoolean(v);
    if (b === undefined) return v;
    return flagged ? b : b ? 'True' : 'False';
  };
  const op = (kind: ChangeKind, path: string | undefined, value?: unknown): Record<string, unknown> => {
    const o: Record<string, unknown> = { op: opName(kind) };
    if (path !== undefined) o.path = path;
    if (value !== undefined) o.value = value;
    return o;
  };
  const get = (path: string, query: Array<[string, string]>, step: string): ScimRequest => ({
    method: 'GET',
    path,
    ...(query.length ? { query, queryStyle } : {}),
    step,
  });

  /**
   * The diff as one PATCH body. Default: one op per change, in order. Flagged (§3.3.3): filtered paths, adds and
   * removes keep their own op; simple replaces collapse into one path-less replace with dotted keys — except a
   * lone `active` replace, which Entra sends with a path (§3.3.1).
   */
  const operationsFor = (changes: readonly AttributeChange[]): unknown[] => {
    const valueOf = (c: AttributeChange): unknown => (c.path === 'active' ? activeValue(c.value) : c.value);
    if (!flagged) return changes.map((c) => op(c.kind, c.path, valueOf(c)));
    const simpleReplaces = changes.filter((c) => c.kind === 'replace' && !isFilteredPath(c.path));
    const loneActive = simpleReplaces.length === 1 && simpleReplaces[0]?.path === 'active';
    const ops: unknown[] = [];
    const collapsed: Record<string, unknown> = {};
    for (const c of changes) {
      if (c.kind === 'replace' && !isFilteredPath(c.path) && !loneActive) collapsed[c.path] = valueOf(c);
      else ops.push(op(c.kind, c.path, valueOf(c)));
    }
    if (Object.keys(collapsed).length > 0) ops.push(op('replace', undefined, collapsed));
    return ops;
  };
  const describe = (changes: readonly AttributeChange[]): string => {
    const parts: string[] = [];
    for (const kind of ['add', 'replace', 'remove'] as const) {
      const paths = changes.filter((c) => c.kind === kind).map((c) => c.path);
      if (paths.length) parts.push(`${kind} ${paths.join(', ')}`);
    }
    return parts.join('; ');
  };
  const patch = (path: string, ops: unknown[], step: string): ScimRequest => ({ method: 'PATCH', path, body: patchBody(ops), step });

  return {
    dialect,
    testConnectionUsers(matchingAttribute = 'userName', guid = randomUUID()) {
      return get('/Users', [['filter', `${matchingAttribute} eq ${filterLiteral(guid)}`]], `GET /Users?filter=${matchingAttribute} eq "<random guid>"`);
    },
    testConnectionGroups(guid = randomUUID()) {
      return get(
        '/Groups',
        [['excludedAttributes', 'members'], ['filter', `displayName eq ${filterLiteral(guid)}`]],
        'GET /Groups?excludedAttributes=members&filter=displayName eq "<random guid>"',
      );
    },
    findUser(attributePath, value) {
      return get('/Users', [['filter', `${attributePath} eq ${filterLiteral(value)}`]], `GET /Users?filter=${attributePath} eq "…"`);
    },
    findGroup(displayName) {
      return get(
        '/Groups',
        [['excludedAttributes', 'members'], ['filter', `displayName eq ${filterLiteral(displayName)}`]],
        'GET /Groups?excludedAttributes=members&filter=displayName eq "…"',
      );
    },
    findGroupBy(attributePath, value) {
      return get(
        '/Groups',
        [['excludedAttributes', 'members'], ['filter', `${attributePath} eq ${filterLiteral(value)}`]],
        `GET /Groups?excludedAttributes=members&filter=${attributePath} eq "…"`,
      );
    },
    getUser(id) {
      return get(`/Users/${seg(id)}`, [], 'GET /Users/{id}');
    },
    getGroup(id, o = {}) {
      const exclude = o.excludeMembers ?? true;
      return get(`/Groups/${seg(id)}`, exclude ? [['excludedAttributes', 'members']] : [], exclude ? 'GET /Groups/{id}?excludedAttributes=members' : 'GET /Groups/{id}');
    },
    referenceCheck(userId, managerId) {
      // Doc Example 4 prints the ids unquoted; quoted literals are what an RFC 7644 filter parser accepts.
      return get(
        '/Users',
        [['filter', `id eq ${filterLiteral(userId)} and manager eq ${filterLiteral(managerId)}`], ['attributes', 'id']],
        'GET /Users?filter=id eq {id} and manager eq {managerId}&attributes=id',
      );
    },
    createUser(user) {
      return { method: 'POST', path: '/Users', body: userBody(user), step: 'POST /Users' };
    },
    createGroup(group) {
      const body: Record<string, unknown> = { schemas: [URN.Group, URN.EntraGroup] };
      if (group.externalId !== undefined && group.externalId !== null) body.externalId = group.externalId;
      body.displayName = group.displayName;
      body.meta = { resourceType: 'Group' };
      return { method: 'POST', path: '/Groups', body, step: 'POST /Groups' };
    },
    updateUser(id, changes) {
      return patch(`/Users/${seg(id)}`, operationsFor(changes), `PATCH /Users/{id} ${describe(changes)}`);
    },
    setActive(id, active) {
      return patch(`/Users/${seg(id)}`, [op('replace', 'active', activeValue(active))], `PATCH /Users/{id} replace active=${active}`);
    },
    setManager(id, managerId, kind = 'add', style = 'bareString') {
      if (style === 'array') {
        // Doc Example 5: core `manager` path, array of {$ref, value}.
        const ref = opts.baseUrl ? { $ref: `${opts.baseUrl.replace(/\/+$/, '')}/Users/${managerId}` } : {};
        return patch(`/Users/${seg(id)}`, [op(kind, 'manager', [{ ...ref, value: managerId }])], `PATCH /Users/{id} ${kind} manager=[{value}]`);
      }
      const value = style === 'object' ? { value: managerId } : managerId;
      return patch(`/Users/${seg(id)}`, [op(kind, MANAGER_PATH, value)], `PATCH /Users/{id} ${kind} manager=${style === 'object' ? '{value}' : 'id'}`);
    },
    removeManager(id) {
      return patch(`/Users/${seg(id)}`, [op('remove', MANAGER_PATH)], 'PATCH /Users/{id} remove manager');
    },
    updateGroup(id, changes) {
      return patch(`/Groups/${seg(id)}`, operationsFor(changes), `PATCH /Groups/{id} ${describe(changes)}`);
    },
    addMembers(groupId, memberIds) {
      const value = memberIds.map((m) => ({ $ref: null, value: m }));
      return patch(`/Groups/${seg(groupId)}`, [op('add', 'members', value)], `PATCH /Groups/{id} add members (${memberIds.length})`);
    },
    removeMembers(groupId, memberIds) {
      const step = `PATCH /Groups/{id} remove members (${memberIds.length})`;
      if (flagged) {
        return patch(`/Groups/${seg(groupId)}`, memberIds.map((m) => op('remove', `members[value eq ${filterLiteral(m)}]`)), step);
      }
      const value = memberIds.map((m) => (opts.removeMembersShape === 'doc' ? { $ref: null, value: m } : { value: m }));
      return patch(`/Groups/${seg(groupId)}`, [op('remove', 'members', value)], step);
    },
    deleteUser(id) {
      return { method: 'DELETE', path: `/Users/${seg(id)}`, step: 'DELETE /Users/{id}' };
    },
    deleteGroup(id) {
      return { method: 'DELETE', path: `/Groups/${seg(id)}`, step: 'DELETE /Groups/{id}' };
    },
  };
}

/** Equality as Entra's comparison sees it: booleans equal their "True"/"False" strings, a manager its id. */
function sameValue(current: unknown, desired: unknown): boolean {
  const norm = (v: unknown): unknown => {
    const b = toBoolean(v) ?? v;
    if (typeof b === 'boolean' || typeof b === 'number') return String(b).toLowerCase();
    if (b && typeof b === 'object' && !Array.isArray(b) && 'value' in b) return norm((b as { value: unknown }).value);
    return b;
  };
  const c = norm(current);
  const d = norm(desired);
  if (typeof c === 'string' || typeof d === 'string') return c === d;
  return JSON.stringify(c) === JSON.stringify(d);
}

/**
 * The pure diff behind an update (§4.6): `add` where the target lacks the value, `replace` where it differs,
 * nothing where equal. Empty desired values never flow and never clear the target (Q15).
 */
export function diffForPatch(current: Record<string, unknown> | undefined, desired: MappedValues): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const [path, value] of Object.entries(desired)) {
    if (value === null || value === undefined || value === '') continue;
    const now = readPath(current, path);
    if (now === null || now === undefined || now === '') changes.push({ path, value, kind: 'add' });
    else if (!sameValue(now, value)) changes.push({ path, value, kind: 'replace' });
  }
  return changes;
}
