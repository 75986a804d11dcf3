/**
 * PATCH (RFC 7644 §3.5.2) over a plain JSON resource, accepting every shape Entra, the SCIM Validator and the
 * Postman collection send (docs/entra-behaviour.md §3.3–3.4, §5.3, §7.3):
 * - `op` in any case; "True"/"False" for boolean attributes, also inside value objects and value filters;
 * - path-less add/replace whose value keys are attribute paths (`name.givenName`, `urn:…:User:employeeNumber`) or a
 *   nested extension object (`{"urn:…:enterprise:2.0:User": {"department": …}}`);
 * - members: `{"op":"Remove","path":"members","value":[{"value":id}]}` removes only those ids,
 *   `members[value eq "id"]` likewise, `remove members` without value removes all, `replace members` sets the list,
 *   members given as `{value, $ref: null, display}` objects or bare id strings;
 * - manager as a bare id, `{value}` or `[{value, $ref}]` at `manager` or the enterprise URN path; `""`, `{"value":""}`
 *   or remove clears it;
 * - add on a single-valued attribute sets it; add to a multi-valued one appends, skipping identical values;
 * - replace (or add) on a filtered path that matches nothing creates the element from the filter's `eq` terms
 *   (`emails[type eq "work"].value` creates `{type:"work", value}`);
 * - "" and null clear optional attributes (NULL-UPDATE); an empty Operations list changes nothing;
 * - remove of a filtered path that matches nothing is a no-op (idempotent retries), not 400 noTarget.
 * Invariants kept: `type` is unique among the elements of a multi-valued attribute (docs/entra-behaviour.md §1.2 G8: an added
 * element replaces the one of the same type); `primary: true` on one element sets the others to false (§3.5.2).
 * Errors (ScimError 400): invalidSyntax (not a PatchOp, bad op), invalidPath (unparsable path, unknown attribute or
 * extension), mutability (id, meta, groups, or removing userName/displayName), invalidValue (wrong shape, clearing a
 * required attribute), noTarget (remove without path; a filtered replace that matches nothing and cannot create).
 * Operations apply in order to a deep copy; any error leaves the caller's resource untouched.
 * Over 400 lines: one Patcher holds the copy and the membership every op handler works on; a group's membership
 * changes live in membership.ts.
 */
import {
  asArray, equalityTerms, evaluateElement, FilterSyntaxError, findKey, isObject, parsePath,
  type FilterNode, type PathNode,
} from '../../core/filter/index.js';
import {
  extensionUri, extensionsOf, resolveAttr,
  type AttributeDef, type ResolvedAttr,
} from '../../core/schema-defs/index.js';
import type { ResourceType } from '../../core/resource-type.js';
import { URN } from '../../core/urns.js';
import { coerceMembers, coerceValue, findSub, requiredAttributeOf, schemasFor, type MemberRef } from './coerce.js';
import { Membership, memberIds } from './membership.js';
import { badRequest } from './scim-error.js';

type OpName = 'add' | 'replace' | 'remove';
type Json = Record<string, unknown>;

export interface PatchOptions {
  /**
   * For Groups whose members are stored outside `resource`: returns the current members. Called at most once and
   * only when an operation needs the list (a members filter other than `value eq "…"`, or a path into a member), so
   * Entra's add/remove of a few members on a 10 000-member group never loads it.
   */
  readonly loadMembers?: () => readonly MemberRef[];
}

export interface PatchResult {
  readonly resource: Json;
  /** False when the operations left the resource and the membership as they were (e.g. an empty Operations list). */
  readonly changed: boolean;
  /** Member ids to remove first, or 'all' to empty the group. */
  readonly membersRemoved: string[] | 'all';
  /**
   * Members to add after the removal, as upserts: a member already present keeps the fields the new one lacks.
   * Ids are not checked for existence.
   */
  readonly membersAdded: MemberRef[];
}

const ELEMENT_MARKERS = new Set(['type', 'primary']);

function fail(scimType: Parameters<typeof badRequest>[0], detail: string): never {
  throw badRequest(scimType, detail);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The sub-attribute values an element must have to match a filter made of `eq` terms joined by `and`, coerced. */
function elementOf(filter: FilterNode, parent: AttributeDef): Json | undefined {
  const terms = equalityTerms(filter);
  if (!terms) return undefined;
  const element: Json = {};
  for (const term of terms) {
    const sub = findSub(parent, term.attr);
    if (!sub) return undefined;
    const value = coerceValue(sub, term.text, `${parent.name}.${sub.name}`);
    // Two terms pinning one sub-attribute to different values describe no element.
    if (value === undefined || (sub.name in element && !deepEqual(element[sub.name], value))) return undefined;
    element[sub.name] = value;
  }
  return element;
}

/** Renames keys to their schema spelling (top level, extension objects and one level of sub-attributes). */
function canonicalize(resource: Json, resourceType: ResourceType): Json {
  const renameSubs = (def: AttributeDef, v: unknown): unknown => {
    if (def.type !== 'complex') return v;
    const one = (el: unknown): unknown => {
      if (!isObject(el)) return el;
      return Object.fromEntries(Object.entries(el).map(([k, x]) => [findSub(def, k)?.name ?? k, x]));
    };
    return Array.isArray(v) ? v.map(one) : one(v);
  };
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    const ext = extensionUri(resourceType, key);
    if (ext !== undefined && isObject(value)) {
      out[ext] = Object.fromEntries(Object.entries(value).map(([k, v]) => {
        const r = resolveAttr(resourceType, { uri: ext, attr: k });
        return r ? [r.attr.name, renameSubs(r.attr, v)] : [k, v];
      }));
      continue;
    }
    const r = /^urn:/i.test(key) ? undefined : resolveAttr(resourceType, { attr: key });
    if (r && !r.extension) out[r.attr.name] = renameSubs(r.attr, value);
    else out[key] = value;
  }
  return out;
}

class Patcher {
  readonly doc: Json;
  readonly members: Membership;
  private readonly membersInResource: boolean;

  constructor(resource: Json, private readonly resourceType: ResourceType, options: PatchOptions) {
    this.doc = canonicalize(structuredClone(resource), resourceType);
    this.membersInResource = resourceType === 'Group' && Array.isArray(this.doc.members);
    const membersDef = resolveAttr(resourceType, { attr: 'members' })?.attr;
    this.members = new Membership(() => {
      if (this.membersInResource && membersDef) {
        return (coerceValue(membersDef, this.doc.members, 'members', true) ?? []) as MemberRef[];
      }
      return options.loadMembers?.() ?? [];
    });
  }

  apply(op: OpName, path: PathNode, value: unknown): void {
    if (path.attr === undefined) return this.wholeExtension(op, path.uri ?? '', value);
    const top = resolveAttr(this.resourceType, { ...(path.uri !== undefined ? { uri: path.uri } : {}), attr: path.attr });
    if (!top) return this.unknown(path);
    if (top.attr.name === 'schemas') return; // recomputed from the data at the end
    const sub = path.sub === undefined ? undefined : findSub(top.attr, path.sub);
    if (path.sub !== undefined && (!sub || top.attr.type !== 'complex')) {
      fail('invalidPath', `"${top.attr.name}" has no sub-attribute "${path.sub}"`);
    }
    if (path.filter && !(top.attr.type === 'complex' && top.attr.multiValued)) {
      fail('invalidPath', `A value filter needs a multi-valued complex attribute; "${top.attr.name}" is not one`);
    }
    this.checkMutability(top, sub, value);
    if (this.resourceType === 'Group' && top.attr.name === 'members') return this.applyMembers(op, path, top.attr, sub, value);
    if (op !== 'remove' && value === undefined) fail('invalidValue', `"${op}" of "${top.attr.name}" needs a value`);
    if (path.filter) return this.filtered(op, top, path.filter, sub, value);
    // `emails.value` without a filter addresses every element.
    if (sub) return top.attr.multiValued ? this.filtered(op, top, undefined, sub, value) : this.subOfComplex(op, top, sub, value);
    if (top.attr.multiValued) return this.multi(op, top, value);
    return this.single(op, top, value);
  }

  private unknown(path: PathNode): never {
    if (path.uri !== undefined && path.uri.toLowerCase() !== URN.User.toLowerCase()
      && path.uri.toLowerCase() !== URN.Group.toLowerCase() && !extensionUri(this.resourceType, path.uri)) {
      fail('invalidPath', `Unknown schema extension "${path.uri}"`);
    }
    fail('invalidPath', `Unknown attribute "${path.attr}" for ${this.resourceType}`);
  }

  private checkMutability(top: ResolvedAttr, sub: AttributeDef | undefined, value: unknown): void {
    const readOnly = top.attr.mutability === 'readOnly' ? top.attr : sub?.mutability === 'readOnly' ? sub : undefined;
    if (!readOnly) return;
    // Echoing the current value of a readOnly attribute (e.g. a path-less value holding `id`) is harmless.
    if (!sub && deepEqual(this.container(top, false)?.[top.attr.name], value)) return;
    fail('mutability', `"${readOnly.name}" is readOnly`);
  }

  /** The object holding the attribute: the resource, or its extension object (created when `create`). */
  private container(top: ResolvedAttr, create: boolean): Json | undefined {
    if (!top.extension) return this.doc;
    const existing = this.doc[top.schema];
    if (isObject(existing)) return existing;
    if (!create) return undefined;
    const made: Json = {};
    this.doc[top.schema] = made;
    return made;
  }

  private wholeExtension(op: OpName, uri: string, value: unknown): void {
    const ext = extensionUri(this.resourceType, uri);
    if (!ext) fail('invalidPath', `Unknown schema extension "${uri}"`);
    if (op === 'remove' || value === null || value === '') {
      delete this.doc[ext];
      return;
    }
    if (!isObject(value)) fail('invalidValue', `The value for ${ext} must be an object`);
    // Attributes the object leaves out stay as they are: Entra sends only what changed.
    for (const [key, v] of Object.entries(value)) this.apply(op, parseKey(`${ext}:${key}`), v);
  }

  private single(op: OpName, top: ResolvedAttr, value: unknown): void {
    const name = top.attr.name;
    // A complex value without its own `value` (name) merges sub-attributes as RFC 7644 §3.5.2.1/.3 say, "" or null
    // clearing one; a value with `value` (manager) is a new reference and replaces the old one whole, so no stale
    // $ref survives.
    if (op !== 'remove' && top.attr.type === 'complex' && isObject(value)
      && !Object.keys(value).some((k) => findSub(top.attr, k)?.name === 'value')) {
      const coerced = (coerceValue(top.attr, value) ?? {}) as Json;
      const current = this.container(top, false)?.[name];
      const merged: Json = { ...(isObject(current) ? current : {}), ...coerced };
      for (const [k, raw] of Object.entries(value)) {
        const sub = findSub(top.attr, k);
        if (sub && (raw === null || raw === '')) delete merged[sub.name];
      }
      if (Object.keys(merged).length > 0) this.container(top, true)![name] = merged;
      else delete this.container(top, false)?.[name];
      return;
    }
    const coerced = op === 'remove' ? undefined : coerceValue(top.attr, value);
    if (coerced !== undefined) {
      this.container(top, true)![name] = coerced;
      return;
    }
    if (name === requiredAttributeOf(this.resourceType) && !top.extension) {
      fail(op === 'remove' ? 'mutability' : 'invalidValue', `"${name}" is required and cannot be ${op === 'remove' ? 'removed' : 'cleared'}`);
    }
    delete this.container(top, false)?.[name];
  }

  private subOfComplex(op: OpName, top: ResolvedAttr, sub: AttributeDef, value: unknown): void {
    const coerced = op === 'remove' ? undefined : coerceValue(sub, value, `${top.attr.name}.${sub.name}`);
    const container = this.container(top, coerced !== undefined);
    if (!container) return;
    const current = isObject(container[top.attr.name]) ? { ...(container[top.attr.name] as Json) } : {};
    if (coerced === undefined) delete current[sub.name];
    else current[sub.name] = coerced;
    if (Object.keys(current).length > 0) container[top.attr.name] = current;
    else delete container[top.attr.name];
  }

  private elements(top: ResolvedAttr): Json[] {
    return asArray(this.container(top, false)?.[top.attr.name]).filter(isObject).map((e) => ({ ...e }));
  }

  private store(top: ResolvedAttr, elements: Json[]): void {
    const kept = elements.filter((e) => Object.keys(e).some((k) => !ELEMENT_MARKERS.has(k)));
    // G8: an operation may not create two elements of one type (a create may have sent some; those are kept).
    const before = new Set(duplicateTypes(this.elements(top)));
    const clash = duplicateTypes(kept).find((t) => !before.has(t));
    if (clash !== undefined) fail('invalidValue', `${top.attr.name} would hold two elements of type "${clash}"; types must be unique`);
    if (kept.length > 0) this.container(top, true)![top.attr.name] = kept;
    else {
      const container = this.container(top, false);
      if (container) delete container[top.attr.name];
    }
  }

  /** Appends elements keeping `type` unique (an element of a type already present replaces it) and one primary. */
  private append(elements: Json[], items: Json[]): Json[] {
    let out = [...elements];
    for (const item of items) {
      if (out.some((e) => deepEqual(e, item))) continue;
      const same = out.findIndex((e) => sameType(e, item));
      if (same >= 0) {
        out[same] = item;
        out = out.filter((e, i) => i === same || !sameType(e, item));
      } else {
        out.push(item);
      }
      if (item.primary === true) out = out.map((e) => (e !== item && e.primary === true ? { ...e, primary: false } : e));
    }
    return out;
  }

  private multi(op: OpName, top: ResolvedAttr, value: unknown): void {
    const name = top.attr.name;
    if (op === 'remove' && (value === undefined || value === null)) {
      const container = this.container(top, false);
      if (container) delete container[name];
      return;
    }
    const items = (coerceValue(top.attr, value, name) ?? []) as unknown[];
    if (top.attr.type !== 'complex') {
      // Multi-valued simple attributes: none in the User/Group schemas besides `schemas`, handled as plain lists.
      const current = asArray(this.container(top, false)?.[name]);
      const next = op === 'replace' ? items : op === 'add'
        ? [...current, ...items.filter((i) => !current.some((c) => deepEqual(c, i)))]
        : current.filter((c) => !items.some((i) => deepEqual(c, i)));
      if (next.length > 0) this.container(top, true)![name] = next;
      else delete this.container(top, false)?.[name];
      return;
    }
    const elements = items as Json[];
    if (op === 'remove') {
      // Remove only the listed values (Entra's `{"op":"Remove","path":"members","value":[…]}` shape, generalized).
      this.store(top, this.elements(top).filter((e) => !elements.some((i) => this.sameValues(top.attr, e, i))));
      return;
    }
    if (op === 'replace') {
      const duplicate = duplicateTypes(elements)[0];
      if (duplicate !== undefined) fail('invalidValue', `${name} holds two elements of type "${duplicate}"; types must be unique`);
      this.store(top, this.append([], elements));
      return;
    }
    this.store(top, this.append(this.elements(top), elements));
  }

  /** True when `element` has every sub-attribute of `probe` with an equal value (honouring caseExact). */
  private sameValues(def: AttributeDef, element: Json, probe: Json): boolean {
    return Object.entries(probe).every(([k, v]) => {
      const e = element[k];
      if (typeof e === 'string' && typeof v === 'string' && !(findSub(def, k)?.caseExact ?? false)) {
        return e.toLowerCase() === v.toLowerCase();
      }
      return deepEqual(e, v);
    });
  }

  private filtered(op: OpName, top: ResolvedAttr, filter: FilterNode | undefined, sub: AttributeDef | undefined, value: unknown): void {
    const elements = this.elements(top);
    const hit = elements.map((e) => filter === undefined || evaluateElement(filter, e, this.resourceType, top.attr));
    const clear = (): void => this.store(top, sub
      ? elements.map((e, i) => (hit[i] ? withoutKey(e, sub.name) : e))
      : elements.filter((_, i) => !hit[i]));
    if (op === 'remove') return clear();
    const single: AttributeDef = { ...top.attr, multiValued: false };
    const coerced = sub
      ? coerceValue(sub, value, `${top.attr.name}.${sub.name}`)
      : coerceValue(single, value, top.attr.name) as Json | undefined;
    // NULL-UPDATE: "" or null clears the sub-attribute, or the whole element.
    if (coerced === undefined) return clear();
    if (!hit.includes(true)) {
      const terms = filter === undefined ? {} : elementOf(filter, top.attr);
      if (!terms) fail('noTarget', `No ${top.attr.name} element matches the filter, and it does not say how to create one`);
      const created = sub ? { ...terms, [sub.name]: coerced } : { ...terms, ...(coerced as Json) };
      this.store(top, this.append(elements, [created]));
      return;
    }
    let next = elements.map((e, i) => {
      if (!hit[i]) return e;
      if (sub) return { ...e, [sub.name]: coerced };
      // Replace swaps the element (RFC 7644 §3.5.2.3) but keeps what the filter pinned, so it still matches; add merges.
      const base = op === 'replace' ? (filter ? elementOf(filter, top.attr) ?? {} : {}) : e;
      return { ...base, ...(coerced as Json) };
    });
    // Making a matched element primary demotes the others (RFC 7644 §3.5.2).
    if (next.some((e, i) => hit[i] && e.primary === true && elements[i]?.primary !== true)) {
      next = next.map((e, i) => (!hit[i] && e.primary === true ? { ...e, primary: false } : e));
    }
    this.store(top, next);
  }

  private applyMembers(op: OpName, path: PathNode, def: AttributeDef, sub: AttributeDef | undefined, value: unknown): void {
    if (sub && !path.filter) fail('invalidPath', 'A path into members needs a value filter, e.g. members[value eq "id"].display');
    if (!path.filter) {
      if (op === 'remove') {
        if (value === undefined || value === null) this.members.clear();
        else for (const m of coerceMembers(def, value)) this.members.remove(m.value);
        return;
      }
      if (value === undefined) fail('invalidValue', `"${op}" of members needs a value`);
      if (op === 'replace') this.members.clear();
      for (const m of coerceMembers(def, value)) this.members.add(m);
      return;
    }
    const ids = memberIds(path.filter);
    if (op === 'remove' && !sub && ids) {
      for (const id of ids) this.members.remove(id);
      return;
    }
    const filter = path.filter;
    const targets = this.members.current().filter((m) => evaluateElement(filter, { ...m }, 'Group', def));
    if (op === 'remove') {
      for (const m of targets) {
        if (!sub || sub.name === 'value') this.members.remove(m.value);
        else this.members.add(withoutKey({ ...m }, sub.name) as unknown as MemberRef);
      }
      return;
    }
    if (value === undefined) fail('invalidValue', `"${op}" of members needs a value`);
    const coerced = sub ? coerceValue(sub, value, `members.${sub.name}`) : coerceValue({ ...def, multiValued: false }, value, 'members');
    const change = (m: Json): Json => (sub ? { ...m, [sub.name]: coerced } : { ...(op === 'add' ? m : { value: m.value }), ...(coerced as Json) });
    if (targets.length === 0) {
      const terms = elementOf(filter, def);
      if (!terms) fail('noTarget', 'No member matches the filter, and it does not say how to create one');
      for (const m of coerceMembers(def, [change(terms)])) this.members.add(m);
      return;
    }
    for (const m of targets) {
      const next = coerceMembers(def, [change({ ...m })])[0];
      if (!next) continue;
      if (next.value !== m.value) this.members.remove(m.value);
      this.members.add(next);
    }
  }

  finish(original: Json): PatchResult {
    for (const ext of extensionsOf(this.resourceType)) {
      if (isObject(this.doc[ext]) && Object.keys(this.doc[ext] as Json).length === 0) delete this.doc[ext];
    }
    if (this.membersInResource && this.members.touched) this.doc.members = this.members.current();
    if (Array.isArray(this.doc.schemas)) this.doc.schemas = schemasFor(this.doc, this.resourceType);
    const membership = this.members.result();
    const changed = !deepEqual(this.doc, original)
      || (!this.membersInResource && this.members.touched);
    return { resource: this.doc, changed, ...membership };
  }
}

/** The `type` values (lower-cased) that more than one element carries. */
function duplicateTypes(elements: Json[]): string[] {
  const types = elements.map((e) => (typeof e.type === 'string' ? e.type.toLowerCase() : undefined)).filter((t) => t !== undefined);
  return [...new Set(types.filter((t, i) => types.indexOf(t) !== i))];
}

/** Both elements carry the same `type` (case-insensitively). */
function sameType(a: Json, b: Json): boolean {
  return typeof a.type === 'string' && typeof b.type === 'string' && a.type.toLowerCase() === b.type.toLowerCase();
}

function withoutKey(e: Json, key: string): Json {
  const { [key]: _removed, ...rest } = e;
  return rest;
}

function parseKey(text: string): PathNode {
  try {
    return parsePath(text);
  } catch (e) {
    if (e instanceof FilterSyntaxError) fail('invalidPath', e.message);
    throw e;
  }
}

const OPS: readonly OpName[] = ['add', 'replace', 'remove'];

/**
 * Validates a PatchOp body and applies its operations in order to a deep copy of `resource`.
 * For Groups, pass `resource` without `members` (and `loadMembers` if you keep them elsewhere) and apply
 * `membersRemoved` then `membersAdded` to the membership table; when `resource.members` is an array it is
 * updated in the returned resource too.
 */
export function applyPatch(resource: Json, body: unknown, resourceType: ResourceType, options: PatchOptions = {}): PatchResult {
  if (!isObject(body)) fail('invalidSyntax', 'The PATCH body must be a JSON object');
  const schemasKey = findKey(body, 'schemas');
  const schemas = schemasKey === undefined ? undefined : body[schemasKey];
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.PatchOp.toLowerCase())) {
    fail('invalidSyntax', `The PATCH body must list "${URN.PatchOp}" in schemas`);
  }
  const opsKey = findKey(body, 'Operations');
  const operations = opsKey === undefined ? undefined : body[opsKey];
  if (!Array.isArray(operations)) fail('invalidSyntax', 'The PATCH body must hold an "Operations" list');

  const patcher = new Patcher(resource, resourceType, options);
  const original = structuredClone(patcher.doc);
  operations.forEach((operation, i) => {
    if (!isObject(operation)) fail('invalidSyntax', `Operations[${i}] must be an object`);
    const opValue = operation[findKey(operation, 'op') ?? 'op'];
    const op = typeof opValue === 'string' ? opValue.toLowerCase() : undefined;
    if (!OPS.includes(op as OpName)) {
      fail('invalidSyntax', `Operations[${i}].op must be add, replace or remove, not ${JSON.stringify(opValue ?? null)}`);
    }
    const pathKey = findKey(operation, 'path');
    const rawPath = pathKey === undefined ? undefined : operation[pathKey];
    const valueKey = findKey(operation, 'value');
    const value = valueKey === undefined ? undefined : operation[valueKey];
    if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') {
      fail('invalidPath', `Operations[${i}].path must be a string`);
    }
    if (typeof rawPath === 'string' && rawPath.trim() !== '') {
      patcher.apply(op as OpName, parseKey(rawPath.trim()), value);
      return;
    }
    if (op === 'remove') fail('noTarget', `Operations[${i}]: remove needs a path`);
    if (!isObject(value)) fail('invalidValue', `Operations[${i}]: ${op} without a path needs an object value`);
    for (const [key, v] of Object.entries(value)) {
      if (key.toLowerCase() === 'schemas') continue;
      // Path-less values may use attribute paths as keys (Entra's `"name.givenName"`, `"urn:…:User:employeeNumber"`).
      patcher.apply(op as OpName, parseKey(key), v);
    }
  });
  return patcher.finish(original);
}
