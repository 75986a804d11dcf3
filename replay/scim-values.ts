/**
 * Which attribute each string of an exchange belongs to: resource bodies, PATCH operations (path and value), filter
 * literals (`userName eq "…"`), list answers. Masking asks "is this a configured PII field?", identity templating
 * "is this a userName, an email, an externalId or a group's displayName?" — of the same walk.
 */
import { parseFilter, parsePath, type AttrPath, type FilterNode } from '../core/filter/index.js';
import { URN } from '../core/urns.js';
import { resourceOf, splitQuery, type ResourceType } from './scim-path.js';

export interface AttributeValue {
  /** Lower case, without the core schema URN and value filters: `emails.value`, `urn:…:enterprise:2.0:user:manager.value`. */
  path: string;
  value: string;
  /** The resource type of the endpoint the exchange went to, when it is /Users or /Groups. */
  type?: ResourceType;
}

const CORE_URNS = new Set([URN.User.toLowerCase(), URN.Group.toLowerCase()]);
/** Keys that never hold attribute values of a resource. */
const SKIPPED = new Set(['schemas', 'meta', 'id']);

/** `emails[type eq "work"].value` → `emails.value`; core URNs dropped, extension URNs kept (lower case). */
export function normalizeAttrPath(text: string): string {
  try {
    const p = parsePath(text);
    return joinPath(p.uri, p.attr, p.sub);
  } catch {
    return text.replace(/\[[^\]]*\]/g, '').toLowerCase();
  }
}

function joinPath(uri: string | undefined, attr: string | undefined, sub: string | undefined): string {
  const u = uri?.toLowerCase();
  const head = u && !CORE_URNS.has(u) ? (attr ? `${u}:${attr}` : u) : (attr ?? '');
  return `${head}${sub ? `.${sub}` : ''}`.toLowerCase();
}

function attrPathText(p: AttrPath): string {
  return joinPath(p.uri, p.attr, p.sub);
}

/** Child path of `prefix` for `key`: extension URNs open a namespace, other keys nest with a dot. */
function childPath(prefix: string, key: string): string {
  const k = key.toLowerCase();
  if (k.startsWith('urn:')) return CORE_URNS.has(k) ? '' : `${k}:`;
  if (prefix === '') return k;
  return prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`;
}

function valuesUnder(v: unknown, path: string, out: AttributeValue[], top = false): void {
  if (typeof v === 'string') out.push({ path, value: v });
  else if (Array.isArray(v)) for (const x of v) valuesUnder(x, path, out);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (top && SKIPPED.has(k.toLowerCase())) continue;
      valuesUnder(x, childPath(path, k), out);
    }
  }
}

/** Every string a resource body holds, with its attribute path. */
export function resourceValues(resource: unknown, prefix = ''): AttributeValue[] {
  const out: AttributeValue[] = [];
  valuesUnder(resource, prefix, out, prefix === '');
  return out;
}

/** Literals a filter compares attributes with; a filter that does not parse yields none. */
export function filterValues(filter: string, prefix = ''): AttributeValue[] {
  let node: FilterNode;
  try {
    node = parseFilter(filter);
  } catch {
    return [];
  }
  const out: AttributeValue[] = [];
  const walk = (n: FilterNode, base: string): void => {
    switch (n.op) {
      case 'and':
      case 'or':
        walk(n.left, base);
        walk(n.right, base);
        return;
      case 'not':
        walk(n.filter, base);
        return;
      case 'pr':
        return;
      case 'valuePath':
        walk(n.filter, childPath(base, attrPathText(n.path)));
        return;
      default:
        if (typeof n.value === 'string') out.push({ path: childPath(base, attrPathText(n.path)), value: n.value });
    }
  };
  walk(node, prefix);
  return out;
}

function isPatchOp(body: Record<string, unknown>): boolean {
  const schemas = body.schemas;
  return Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.PatchOp.toLowerCase());
}

function operationsOf(body: Record<string, unknown>): unknown[] {
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const ops = key === undefined ? undefined : body[key];
  return Array.isArray(ops) ? ops : [];
}

/** The values a PATCH request carries: each operation's value under its path, and the literals of value filters. */
export function patchValues(body: Record<string, unknown>): AttributeValue[] {
  const out: AttributeValue[] = [];
  for (const op of operationsOf(body)) {
    if (op === null || typeof op !== 'object') continue;
    const { path, value } = op as { path?: unknown; value?: unknown };
    if (typeof path !== 'string' || path === '') {
      out.push(...resourceValues(value));
      continue;
    }
    let attr = normalizeAttrPath(path);
    try {
      const p = parsePath(path);
      if (p.filter) out.push(...filterValues(filterText(path), joinPath(p.uri, p.attr, undefined)));
      attr = joinPath(p.uri, p.attr, p.sub);
    } catch {
      // an unparsable path still names where its value goes, as far as the text says
    }
    out.push(...resourceValues(value, attr));
  }
  return out;
}

/** The filter inside `attr[filter].sub`. */
function filterText(path: string): string {
  return path.slice(path.indexOf('[') + 1, path.lastIndexOf(']'));
}

/** The body of a request or answer as attribute values: a PatchOp, a ListResponse, an error (none) or a resource. */
function bodyValues(body: unknown): AttributeValue[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const b = body as Record<string, unknown>;
  if (isPatchOp(b)) return patchValues(b);
  const resources = Object.keys(b).find((k) => k.toLowerCase() === 'resources');
  if (resources !== undefined && Array.isArray(b[resources])) return (b[resources] as unknown[]).flatMap((r) => resourceValues(r));
  if (typeof b.filter === 'string') return filterValues(b.filter); // a SearchRequest (POST /.search)
  const schemas = Array.isArray(b.schemas) ? b.schemas.map(String) : [];
  if (schemas.includes(URN.Error)) return [];
  return resourceValues(b);
}

/** Every attribute value an exchange carries: the query's filter, the request body and the answer's body. */
export function exchangeValues(x: { request: { path: string; body?: unknown }; response?: { body?: unknown } }): AttributeValue[] {
  const type = resourceOf(x.request.path)?.type;
  const [, query] = splitQuery(x.request.path);
  const fromQuery = query === undefined ? [] : [...new URLSearchParams(query)].filter(([k]) => k.toLowerCase() === 'filter').flatMap(([, f]) => filterValues(f));
  const all = [...fromQuery, ...bodyValues(x.request.body), ...bodyValues(x.response?.body)];
  return type ? all.map((v) => ({ ...v, type })) : all;
}
