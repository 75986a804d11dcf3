/**
 * The SCIM operations on Users and Groups, independent of HTTP: each write is one store transaction that
 * re-reads the row, checks If-Match and uniqueness, and commits (or, on any throw, leaves the data as it was).
 * The pure SCIM logic (normalisation, PATCH, projection, sorting, filters) comes from reference-app/scim and
 * core/filter; this module decides what is loaded and stored.
 */
import { randomUUID } from 'node:crypto';
import type { SchemaProfile } from '../../core/schema-defs/index.js';
import { evaluateFilter, extractEqualityHint, FilterSyntaxError, parseFilter, referencedPaths, wholeFilterHint, type FilterNode } from '../../core/filter/index.js';
import { normalizeForWrite } from '../scim/coerce.js';
import { applyPatch, type PatchResult } from '../scim/patch.js';
import { project } from '../scim/projection.js';
import { SchemaGate } from '../scim/schema-gate.js';
import { compareBy } from '../scim/sort.js';
import type { DefectHooks, DeleteMode } from '../defects/types.js';
import type { ResourceType } from '../../core/resource-type.js';
import type { Json, Member, ResourceStore, StoredResource, StoredText } from '../store/resource-store.js';
import { fail } from './fail.js';
import type { ListParams, Projection } from './list-params.js';
import { etagOf, storedAttrs, toResource, toResourceText } from './render.js';

/** What the routes see of a stored row (they reach the store only through this folder). */
export type { StoredResource };

export type ListResult =
  | { total: number; resources: Json[] }
  /** Full representations as JSON text (see userTexts). */
  | { total: number; resourceTexts: string[] };

const mentionsMembers = (names: readonly string[] | undefined): boolean =>
  names?.some((n) => /^(urn:ietf:params:scim:schemas:core:2\.0:group:)?members(\.|\[|$)/i.test(n)) ?? false;

/** Members are loaded only when the representation will show them. */
function wantsMembers(type: ResourceType, p: Projection): boolean {
  if (type !== 'Group') return false;
  if (mentionsMembers(p.excludedAttributes)) return false;
  return p.attributes === undefined || mentionsMembers(p.attributes);
}

/** True when an If-Match / If-None-Match header lists the current ETag (weak comparison, RFC 7232 §2.3.2). */
export function etagMatches(header: string, s: StoredResource): boolean {
  const current = etagOf(s).replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === current;
  });
}

export class ResourceService {
  private readonly store: ResourceStore;
  private readonly hooks: DefectHooks;
  private readonly clock: () => number;
  /** Undefined for the full profile, which declares every attribute and drops unknown ones as it always did. */
  private readonly gate: SchemaGate | undefined;

  constructor(store: ResourceStore, hooks: DefectHooks, clock: () => number, profile: SchemaProfile = 'full') {
    this.store = store;
    this.hooks = hooks;
    this.clock = clock;
    this.gate = profile === 'full' ? undefined : new SchemaGate(profile);
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }

  find(type: ResourceType, id: string): StoredResource {
    const s = this.store.get(type, id);
    if (!s) throw fail(404, `${type} ${id} not found.`);
    return s;
  }

  /**
   * The representation of a stored resource under a projection; `rendered` is the full resource when the caller
   * already built it with the members this projection wants.
   */
  render(s: StoredResource, baseUrl: string, p: Projection, rendered?: Json): Json {
    return this.show(s, baseUrl, this.declared(p, [s.type]), rendered);
  }

  /** render() for a projection already reduced to declared names. */
  private show(s: StoredResource, baseUrl: string, p: Projection, rendered?: Json): Json {
    const full = rendered ?? toResource(s, baseUrl, wantsMembers(s.type, p) ? this.store.members(s.id) : undefined);
    return p.attributes || p.excludedAttributes ? project(full, p, s.type) : full;
  }

  create(type: ResourceType, body: unknown): StoredResource {
    this.gate?.checkResource(body, type);
    const { attrs, members } = this.split(type, normalizeForWrite(body, type, 'create'));
    return this.store.transaction(() => {
      this.assertUnique(type, attrs, undefined);
      const now = this.now();
      const s: StoredResource = { id: randomUUID(), type, created: now, lastModified: now, version: 1, attrs };
      this.store.insert(s);
      for (const m of members ?? []) this.store.addMember(s.id, this.member(m));
      return s;
    });
  }

  replace(type: ResourceType, id: string, body: unknown, ifMatch: string | undefined): StoredResource {
    this.gate?.checkResource(body, type);
    const { attrs, members } = this.split(type, normalizeForWrite(body, type, 'replace'));
    return this.store.transaction(() => {
      const old = this.find(type, id);
      this.checkIfMatch(old, ifMatch);
      this.assertUnique(type, attrs, id);
      const s: StoredResource = { ...old, attrs, lastModified: this.now(), version: old.version + 1 };
      this.store.update(s);
      if (type === 'Group') {
        this.store.clearMembers(id);
        for (const m of members ?? []) this.store.addMember(id, this.member(m));
      }
      return s;
    });
  }

  patch(type: ResourceType, id: string, body: unknown, ifMatch: string | undefined): StoredResource {
    return this.store.transaction(() => {
      const old = this.find(type, id);
      this.checkIfMatch(old, ifMatch);
      // the client's operations are checked, before a defect rewrites them
      this.gate?.checkPatch(body, type);
      // groups are patched without their members: the member delta is applied row by row below
      const current = toResource(old, '');
      let patchBody = body as Json;
      if (this.hooks.patch) patchBody = this.hooks.patch(patchBody, { type, current });
      const result = applyPatch(current, patchBody, type, { loadMembers: () => this.store.members(id) });
      if (!result.changed) return old;
      const attrs = storedAttrs(result.resource, type);
      this.assertUnique(type, attrs, id);
      const s: StoredResource = { ...old, attrs, lastModified: this.now(), version: old.version + 1 };
      this.store.update(s);
      this.applyMemberDelta(id, result);
      return s;
    });
  }

  delete(type: ResourceType, id: string, ifMatch: string | undefined): void {
    this.store.transaction(() => {
      const old = this.find(type, id);
      this.checkIfMatch(old, ifMatch);
      let mode: DeleteMode = 'hard';
      if (this.hooks.deleteMode) mode = this.hooks.deleteMode(mode, { type, id });
      if (mode === 'hard') this.store.delete(type, id, this.now());
      else if (mode === 'soft') this.store.update({ ...old, attrs: { ...old.attrs, active: false }, lastModified: this.now(), version: old.version + 1 });
    });
  }

  /** A query over one type (GET /Users) or several (POST /.search at the root). */
  list(types: readonly ResourceType[], params: ListParams, baseUrl: string): ListResult {
    const p = this.declared(params, types);
    const node = p.filter === undefined ? undefined : parse(p.filter);
    if (node) this.gate?.checkFilter(node, types);
    const only = types.length === 1 ? types[0] : undefined;
    if (only === 'User' && !p.sortBy && !p.attributes && !p.excludedAttributes) {
      const texts = this.userTexts(node, p, baseUrl);
      if (texts) return texts;
    }
    if (only && !node && !p.sortBy) {
      // the default order is the index order: page in SQL
      const page = p.count === 0 ? [] : this.store.page(only, p.startIndex - 1, p.count);
      return { total: this.store.count(only), resources: page.map((s) => this.show(s, baseUrl, p)) };
    }
    const hint = node && extractEqualityHint(node);
    const filterNeedsMembers = node !== undefined && mentionsMembers(referencedPaths(node).map((q) => q.attr ?? ''));
    const sortNeedsMembers = mentionsMembers(p.sortBy === undefined ? undefined : [p.sortBy]);
    const matched: { s: StoredResource; full: Json; withMembers: boolean }[] = [];
    for (const type of types) {
      const candidates = hint ? this.store.findBy(type, hint.attr, hint.value) : this.store.all(type);
      const loadMembers = type === 'Group' && (filterNeedsMembers || sortNeedsMembers);
      for (const s of candidates) {
        const full = toResource(s, baseUrl, loadMembers ? this.store.members(s.id) : undefined);
        if (!node || evaluateFilter(node, full, type)) matched.push({ s, full, withMembers: loadMembers });
      }
    }
    if (p.sortBy) {
      const sortBy = p.sortBy;
      const cmp = { User: compareBy(sortBy, p.sortOrder, 'User'), Group: compareBy(sortBy, p.sortOrder, 'Group') };
      matched.sort((a, b) => cmp[a.s.type](a.full, b.full));
    } else if (types.length > 1) {
      matched.sort((a, b) => (a.s.created < b.s.created ? -1 : a.s.created > b.s.created ? 1 : a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
    }
    const page = matched.slice(p.startIndex - 1, p.startIndex - 1 + p.count);
    // A resource evaluated by the filter is rendered already; only a group whose members the filter did not
    // need but the reply does is read again.
    const reply = ({ s, full, withMembers }: (typeof matched)[number]): Json =>
      this.show(s, baseUrl, p, withMembers === wantsMembers(s.type, p) ? full : undefined);
    return { total: matched.length, resources: page.map(reply) };
  }

  /**
   * Users in full when no filter needs evaluating (none, or one an index answers exactly, such as Entra's matching
   * query `userName eq "…"`): spliced from their stored text instead of parsed and serialised again (1.33× the
   * filter GETs a second in an interleaved A/B). Undefined when that cannot be done (the caller then renders
   * parsed resources): a filter to evaluate, or a row whose stored text does not open with its schemas.
   */
  private userTexts(node: FilterNode | undefined, p: ListParams, baseUrl: string): ListResult | undefined {
    const hint = node && wholeFilterHint(node, 'User');
    if (node && !hint) return undefined;
    let total: number;
    let rows: StoredText[];
    if (hint) {
      const all = this.store.findTextBy('User', hint.attr, hint.value);
      total = all.length;
      rows = all.slice(p.startIndex - 1, p.startIndex - 1 + p.count);
    } else {
      total = this.store.count('User');
      rows = p.count === 0 ? [] : this.store.pageText('User', p.startIndex - 1, p.count);
    }
    const resourceTexts: string[] = [];
    for (const row of rows) {
      const text = toResourceText(row, baseUrl);
      if (text === undefined) return undefined;
      resourceTexts.push(text);
    }
    return { total, resourceTexts };
  }

  /** The projection without the names the profile does not declare (the full profile declares them all). */
  private declared<P extends Projection>(p: P, types: readonly ResourceType[]): P {
    if (!this.gate || (!p.attributes && !p.excludedAttributes)) return p;
    return {
      ...p,
      attributes: this.gate.declaredNames(p.attributes, types),
      excludedAttributes: this.gate.declaredNames(p.excludedAttributes, types),
    };
  }

  private checkIfMatch(s: StoredResource, ifMatch: string | undefined): void {
    if (ifMatch !== undefined && !etagMatches(ifMatch, s)) {
      throw fail(412, `If-Match ${ifMatch} does not match the current version ${etagOf(s)}.`);
    }
  }

  /** userName of users and displayName of groups are unique, case-insensitively. */
  private assertUnique(type: ResourceType, attrs: Json, selfId: string | undefined): void {
    const attr = type === 'User' ? 'userName' : 'displayName';
    const key = attrs[attr];
    if (typeof key !== 'string') return;
    for (const other of this.store.findBy(type, attr, key)) {
      if (other.id === selfId) continue;
      let conflict = true;
      if (this.hooks.conflict) conflict = this.hooks.conflict(conflict, { type, existing: other.attrs, incoming: attrs });
      if (conflict) throw fail(409, `A ${type} with ${attr} "${key}" already exists (id ${other.id}).`, 'uniqueness');
    }
  }

  private split(type: ResourceType, resource: Json): { attrs: Json; members?: unknown[] } {
    const attrs = storedAttrs(resource, type);
    const members = type === 'Group' && Array.isArray(resource.members) ? (resource.members as unknown[]) : undefined;
    return members ? { attrs, members } : { attrs };
  }

  /**
   * A member as stored. Its type is looked up: a user or group id gets its type; an id naming nothing is kept
   * without a type (Entra only sends ids it created, but the reference Postman collection adds "string id 1"
   * and expects 204; an unknown id in a membership row harms nothing and disappears with the group).
   */
  private member(m: unknown): Member {
    const o = (typeof m === 'object' && m !== null ? m : { value: m }) as Json;
    const value = String(o.value);
    const known = this.store.typeOf(value);
    const out: Member = { value };
    const claimed = o.type === 'User' || o.type === 'Group' ? o.type : undefined;
    const type = known ?? claimed;
    if (type) out.type = type;
    if (typeof o.display === 'string') out.display = o.display;
    return out;
  }

  /** Removals first, then upserts, row by row: a 10 000-member group is never read for an add or remove. */
  private applyMemberDelta(groupId: string, r: PatchResult): void {
    if (r.membersRemoved === 'all') this.store.clearMembers(groupId);
    else for (const value of r.membersRemoved) this.store.removeMember(groupId, value);
    for (const m of r.membersAdded) this.store.addMember(groupId, this.member(m));
  }
}

function parse(filter: string): FilterNode {
  try {
    return parseFilter(filter);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw fail(400, err.message, 'invalidFilter');
    throw err;
  }
}
