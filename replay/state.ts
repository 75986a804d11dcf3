/**
 * The final state the recording implies for each resource it created: the last representation the recorded server
 * answered (a create, a read, a PUT, a PATCH answered with the resource), then the PATCH operations it accepted
 * without showing the result (204). Those are applied where their meaning is plain — members added, removed or
 * replaced; a simple attribute set or removed — and otherwise the attribute they touch is left out of the
 * comparison, because the recording does not show its value. A recorded DELETE implies the resource is gone.
 */
import { findKey, isObject, parsePath, toBoolean, type JsonObject, type PathNode } from '../core/filter/index.js';
import { createdId, idsInAnswer, type Created, type Step } from './plan.js';
import { resourceOf, splitQuery, type ResourceType } from './scim-path.js';

export interface ImpliedResource {
  recordedId: string;
  type: ResourceType;
  /** Absent when the recording implies the resource is gone. */
  representation?: JsonObject;
  /** Top-level attributes (lower case) whose final value the recording does not show. */
  unknown: Set<string>;
  /** Top-level attribute (lower case) → the exchange that last wrote or showed it, to name it beside a difference. */
  writtenBy: Map<string, number>;
}

function set(rep: JsonObject, name: string, value: unknown): void {
  rep[findKey(rep, name) ?? name] = value;
}

function remove(rep: JsonObject, name: string): void {
  const key = findKey(rep, name);
  if (key !== undefined) delete rep[key];
}

/** Entra sends booleans as "True"/"False"; a server that keeps a boolean stores them as one. */
function coerced(current: unknown, value: unknown): unknown {
  return typeof current === 'boolean' && typeof value === 'string' ? (toBoolean(value) ?? value) : value;
}

function operationsIn(request: JsonObject | undefined): unknown[] {
  const key = request ? findKey(request, 'Operations') : undefined;
  const ops = key === undefined ? undefined : request?.[key];
  return Array.isArray(ops) ? ops : [];
}

function memberValues(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).flatMap((m) => (isObject(m) && typeof m.value === 'string' ? [m.value] : []));
}

function applyMembers(rep: JsonObject, op: string, path: PathNode, value: unknown): void {
  const key = findKey(rep, 'members') ?? 'members';
  const current = Array.isArray(rep[key]) ? (rep[key] as unknown[]) : [];
  const valueOf = (m: unknown): unknown => (isObject(m) ? m.value : undefined);
  if (op === 'replace') {
    rep[key] = memberValues(value).map((v) => ({ value: v }));
  } else if (op === 'add') {
    const have = new Set(current.map(valueOf));
    rep[key] = [...current, ...memberValues(value).filter((v) => !have.has(v)).map((v) => ({ value: v }))];
  } else {
    const filter = path.filter;
    const gone = filter && filter.op === 'eq' && filter.path.attr?.toLowerCase() === 'value' && typeof filter.value === 'string'
      ? new Set([filter.value])
      : value === undefined ? undefined : new Set(memberValues(value));
    rep[key] = gone === undefined ? [] : current.filter((m) => !gone.has(valueOf(m) as string));
  }
}

/** Applies one accepted PATCH operation, or marks the attribute it touches as unknown. */
function applyOperation(r: ImpliedResource, rep: JsonObject, operation: JsonObject): void {
  if (typeof operation.op !== 'string') return;
  const op = operation.op.toLowerCase();
  const value = operation.value;
  if (typeof operation.path !== 'string' || operation.path === '') {
    if (!isObject(value)) return;
    for (const [k, v] of Object.entries(value)) {
      if (isObject(v) || Array.isArray(v)) r.unknown.add(k.toLowerCase());
      else set(rep, k, coerced(rep[findKey(rep, k) ?? k], v));
    }
    return;
  }
  let path: PathNode;
  try {
    path = parsePath(operation.path);
  } catch {
    return;
  }
  const attr = path.attr;
  if (path.uri !== undefined || attr === undefined) {
    r.unknown.add((path.uri ?? operation.path).toLowerCase());
    return;
  }
  if (attr.toLowerCase() === 'members' && path.sub === undefined) {
    applyMembers(rep, op, path, value);
    return;
  }
  const plain = path.filter === undefined && !isObject(value) && !Array.isArray(value);
  if (!plain) {
    r.unknown.add(attr.toLowerCase());
  } else if (path.sub === undefined) {
    if (op === 'remove') remove(rep, attr);
    else set(rep, attr, coerced(rep[findKey(rep, attr) ?? attr], value));
  } else {
    const parentKey = findKey(rep, attr) ?? attr;
    const parent = isObject(rep[parentKey]) ? { ...(rep[parentKey] as JsonObject) } : {};
    if (op === 'remove') remove(parent, path.sub);
    else set(parent, path.sub, coerced(parent[findKey(parent, path.sub) ?? path.sub], value));
    rep[parentKey] = parent;
  }
}

/** The top-level attributes (lower case) a PATCH operation writes. */
function touched(operation: JsonObject): string[] {
  if (typeof operation.path !== 'string' || operation.path === '') return isObject(operation.value) ? Object.keys(operation.value).map((k) => k.toLowerCase()) : [];
  try {
    const p = parsePath(operation.path);
    return [(p.uri ?? p.attr ?? operation.path).toLowerCase()];
  } catch {
    return [];
  }
}

export class ImpliedState {
  private readonly resources = new Map<string, ImpliedResource>();

  constructor(private readonly created: ReadonlyMap<string, Created>) {}

  /** Takes in a step the recorded server answered with success. */
  observe(step: Step): void {
    const x = step.final;
    const status = x.response?.status ?? 0;
    if (step.recordedFailure || status < 200 || status >= 300) return;
    const target = resourceOf(x.request.path);
    if (!target) return;
    const body = isObject(x.response?.body) ? (x.response?.body as JsonObject) : undefined;
    const request = isObject(x.request.body) ? (x.request.body as JsonObject) : undefined;
    const method = x.request.method;
    if (method === 'POST' && !target.id) {
      const id = createdId(x);
      if (id !== undefined) this.represent(id, body ?? request, step.seq);
    } else if (method === 'GET' && !target.id) {
      const list = body ? Object.entries(body).find(([k]) => k.toLowerCase() === 'resources')?.[1] : undefined;
      for (const r of Array.isArray(list) ? list : []) {
        const [id] = idsInAnswer(r);
        if (id !== undefined) this.merge(id, r as JsonObject, step.seq);
      }
    } else if (target.id !== undefined) {
      const id = target.id;
      if (method === 'GET') {
        const projected = /(^|&)(attributes|excludedattributes)=/i.test(splitQuery(x.request.path)[1] ?? '');
        if (projected && body) this.merge(id, body, step.seq);
        else this.represent(id, body, step.seq, true);
      } else if (method === 'PUT') this.represent(id, body ?? request, step.seq);
      else if (method === 'PATCH') {
        if (body) this.represent(id, body, step.seq, true);
        this.patch(id, request, step.seq, body === undefined);
      } else if (method === 'DELETE') this.gone(id);
    }
  }

  /** What the recording implies for every resource it created, in creation order. */
  implied(): ImpliedResource[] {
    return [...this.resources.values()];
  }

  private entry(id: string): ImpliedResource | undefined {
    const c = this.created.get(id);
    if (!c) return undefined;
    let r = this.resources.get(id);
    if (!r) {
      r = { recordedId: id, type: c.type, representation: {}, unknown: new Set(), writtenBy: new Map() };
      this.resources.set(id, r);
    }
    return r;
  }

  /** A whole representation. A read (or a PATCH's answer) shows attributes earlier exchanges wrote: `keepWriters`. */
  private represent(id: string, rep: JsonObject | undefined, seq: number, keepWriters = false): void {
    const r = this.entry(id);
    if (!r || !rep) return;
    r.representation = structuredClone(rep);
    r.unknown.clear();
    for (const k of Object.keys(rep).map((key) => key.toLowerCase())) if (!keepWriters || !r.writtenBy.has(k)) r.writtenBy.set(k, seq);
  }

  private merge(id: string, part: JsonObject, seq: number): void {
    const r = this.entry(id);
    if (!r?.representation) return;
    for (const [k, v] of Object.entries(part)) {
      set(r.representation, k, structuredClone(v));
      r.unknown.delete(k.toLowerCase());
      if (!r.writtenBy.has(k.toLowerCase())) r.writtenBy.set(k.toLowerCase(), seq);
    }
  }

  /** A PATCH's operations: each names the exchange as the writer of what it touches; `apply` when no answer showed the result. */
  private patch(id: string, request: JsonObject | undefined, seq: number, apply: boolean): void {
    const r = this.entry(id);
    if (!r?.representation) return;
    for (const op of operationsIn(request)) {
      if (!isObject(op)) continue;
      for (const key of touched(op)) r.writtenBy.set(key, seq);
      if (apply) applyOperation(r, r.representation, op);
    }
  }

  /**
   * Deleted: gone, and no longer a member of any group — a member reference must name a resource that exists
   * (RFC 7643 §4.2), and a provider that keeps a dangling one shows the IdP a member it cannot match.
   */
  private gone(id: string): void {
    const r = this.entry(id);
    if (r) delete r.representation;
    for (const other of this.resources.values()) {
      const rep = other.representation;
      const key = rep ? findKey(rep, 'members') : undefined;
      if (rep && key !== undefined && Array.isArray(rep[key])) rep[key] = (rep[key] as unknown[]).filter((m) => !isObject(m) || m.value !== id);
    }
  }
}
