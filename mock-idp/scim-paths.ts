/**
 * Target attribute paths as Entra writes them in mappings and PATCH requests (`displayName`, `name.givenName`,
 * `emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:department`): parse, read from a target resource,
 * and fold a flat set of mapped values into the nested resource a POST carries.
 */
import { HarnessError } from '../core/errors.js';

/** One mapped value: what an expression or a direct mapping yields. Null/undefined mean "nothing flows". */
export type MappedValue = string | number | boolean | null | undefined | readonly unknown[];
/** Target path → value, in mapping order. */
export type MappedValues = Record<string, MappedValue>;

export interface TargetPath {
  /** Extension schema URN when the path is URN-qualified. */
  schema?: string;
  attr: string;
  /** Value filter `[attr eq "value"]` on a multi-valued attribute. */
  filter?: { attr: string; value: string };
  sub?: string;
}

const NAME = '[A-Za-z$][\\w$-]*';
const PATH_RE = new RegExp(
  `^(${NAME})(?:\\[\\s*(${NAME})\\s+eq\\s+(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\]\\s"]+))\\s*\\])?(?:\\.(${NAME}))?$`,
);
const parsed = new Map<string, TargetPath>();

/** Parses (and caches: paths repeat for every object) one target path; throws HarnessError naming the path. */
export function parseTargetPath(path: string): TargetPath {
  const hit = parsed.get(path);
  if (hit) return hit;
  let rest = path;
  let schema: string | undefined;
  if (/^urn:/i.test(path)) {
    const cut = path.lastIndexOf(':');
    schema = path.slice(0, cut);
    rest = path.slice(cut + 1);
  }
  const m = PATH_RE.exec(rest);
  if (!m || !m[1]) throw new HarnessError('HARNESS_CONFIG', `bad target attribute path ${JSON.stringify(path)}: expected attr, attr.sub, attr[x eq "v"].sub or urn:…:attr`);
  const out: TargetPath = { attr: m[1] };
  if (schema) out.schema = schema;
  if (m[2]) out.filter = { attr: m[2], value: m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? '') };
  if (m[5]) out.sub = m[5];
  parsed.set(path, out);
  return out;
}

export function isFilteredPath(path: string): boolean {
  return parseTargetPath(path).filter !== undefined;
}

/** Case-insensitive property lookup (Q12: Entra's tables write `.Value`, `.Formatted`). */
export function getCI(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const rec = obj as Record<string, unknown>;
  if (key in rec) return rec[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(rec)) if (k.toLowerCase() === lower) return rec[k];
  return undefined;
}

function filterMatches(entry: unknown, filter: { attr: string; value: string }): boolean {
  const v = getCI(entry, filter.attr);
  return v !== undefined && v !== null && String(v).toLowerCase() === filter.value.toLowerCase();
}

/** Reads the value at an Entra target path from a SCIM resource as the target returned it. */
export function readPath(resource: Record<string, unknown> | undefined, path: string): unknown {
  if (!resource) return undefined;
  const p = parseTargetPath(path);
  const base = p.schema ? getCI(resource, p.schema) : resource;
  let v = getCI(base, p.attr);
  if (p.filter) {
    const filter = p.filter;
    v = Array.isArray(v) ? v.find((e) => filterMatches(e, filter)) : undefined;
    return p.sub ? getCI(v, p.sub) : v;
  }
  return p.sub ? getCI(v, p.sub) : v;
}

/** SCIM names start lower-case; the doc's tables write `.Value`, `.Formatted` (Q12). */
function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** `"True"`/`"False"` (what the Switch mapping of `active` yields) as a boolean; other values unchanged. */
export function toBooleanIfString(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const l = v.toLowerCase();
  return l === 'true' ? true : l === 'false' ? false : v;
}

/**
 * Folds flat mapped values into a nested SCIM resource (no schemas/meta): sub-attributes into their complex
 * attribute, filtered paths into the matching multi-valued entry (the work email is primary, as Entra sends it),
 * extension paths under their schema URN. Empty values are omitted (Q15).
 */
export function buildResource(values: MappedValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    if (isEmpty(value)) continue;
    const p = parseTargetPath(path);
    let target = out;
    if (p.schema) {
      target = (out[p.schema] ??= {}) as Record<string, unknown>;
    }
    if (p.filter) {
      const list = (target[p.attr] ??= []) as Record<string, unknown>[];
      const filter = p.filter;
      let entry = list.find((e) => filterMatches(e, filter));
      if (!entry) {
        entry = { [filter.attr]: filter.attr === 'primary' ? toBooleanIfString(filter.value) : filter.value };
        if (p.attr === 'emails' && filter.attr === 'type' && filter.value === 'work') entry.primary = true;
        list.push(entry);
      }
      entry[camel(p.sub ?? 'value')] = value;
    } else if (p.sub) {
      const obj = (target[p.attr] ??= {}) as Record<string, unknown>;
      obj[camel(p.sub)] = value;
    } else {
      target[p.attr] = value;
    }
  }
  return out;
}
