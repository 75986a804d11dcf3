/**
 * Rewriting values wherever a SCIM exchange carries them: JSON leaves, string literals inside filters and PATCH paths
 * (`members[value eq "7"]`), `filter=` query parameters and resource ids in paths. Masking, identity templating and
 * id binding are all "replace this value by that one", and must agree on where values live, so they share this.
 */
import { tokenize } from '../core/filter/lexer.js';

/** The replacement for a value, or undefined to keep it. */
export type Lookup = (value: string) => string | undefined;

/** Keys whose string values are filters or PATCH paths: their quoted literals are values too. */
const EXPRESSION_KEYS = new Set(['path', 'filter']);

/** Rewrites the quoted literals of a filter or PATCH path; text that does not tokenize is left as it is. */
export function rewriteLiterals(text: string, lookup: Lookup): string {
  if (!text.includes('"')) return text;
  let tokens;
  try {
    tokens = tokenize(text, 'filter');
  } catch {
    return text;
  }
  let out = '';
  let last = 0;
  for (const t of tokens) {
    if (t.kind !== 'string') continue;
    const to = lookup(t.value);
    if (to === undefined || to === t.value) continue;
    out += `${text.slice(last, t.start)}${JSON.stringify(to)}`;
    last = t.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Rewrites `filter=` parameters of a query string (without the `?`). Untouched parameters keep their encoding
 * byte for byte; a rewritten one is encoded as Entra encodes (`+` for spaces, `%22` for quotes).
 */
export function rewriteQuery(query: string, lookup: Lookup): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const key = decodeQueryPart(part.slice(0, eq));
      if (key.toLowerCase() !== 'filter') return part;
      const value = decodeQueryPart(part.slice(eq + 1));
      const rewritten = rewriteLiterals(value, lookup);
      return rewritten === value ? part : new URLSearchParams([[key, rewritten]]).toString();
    })
    .join('&');
}

export interface PathRewrite {
  /** Rewrite resource-id segments (`/Users/<id>`). */
  ids?: Lookup;
  /** Rewrite filter literals in the query. */
  literals?: Lookup;
}

/** A trace path (`/Users/7?filter=…`) with its id segment and filter literals rewritten. */
export function rewritePath(path: string, how: PathRewrite): string {
  const q = path.indexOf('?');
  let pathname = q < 0 ? path : path.slice(0, q);
  let query = q < 0 ? undefined : path.slice(q + 1);
  if (how.ids) {
    const segments = pathname.split('/');
    // `/Users/<id>`: only the segment after the endpoint is an id.
    if (segments.length === 3 && segments[2]) {
      const to = how.ids(decodeURIComponent(segments[2]));
      if (to !== undefined) segments[2] = encodeURIComponent(to);
      pathname = segments.join('/');
    }
  }
  if (how.literals && query !== undefined) query = rewriteQuery(query, how.literals);
  return query === undefined ? pathname : `${pathname}?${query}`;
}

export interface JsonRewrite {
  /** Only strings under these (lower-case) keys are looked up; every string when absent. */
  keys?: ReadonlySet<string>;
  /** Applied to strings the lookup did not replace (free text such as an error's detail). */
  text?: (s: string) => string;
}

/** A copy of `v` with its string values rewritten; object keys (attribute names) are never touched. */
export function rewriteJson(v: unknown, lookup: Lookup, how: JsonRewrite = {}, key = ''): unknown {
  if (typeof v === 'string') {
    const k = key.toLowerCase();
    if (EXPRESSION_KEYS.has(k)) return rewriteLiterals(v, lookup);
    if (k === '$ref') return rewriteRef(v, lookup);
    const to = how.keys === undefined || how.keys.has(k) ? lookup(v) : undefined;
    if (to !== undefined) return to;
    return how.text ? how.text(v) : v;
  }
  if (Array.isArray(v)) return v.map((x) => rewriteJson(x, lookup, how, key));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewriteJson(x, lookup, how, k)]));
  }
  return v;
}

/** `https://host/scim/v2/Users/7` with its last segment rewritten. */
function rewriteRef(ref: string, lookup: Lookup): string {
  const cut = ref.lastIndexOf('/');
  if (cut < 0) return lookup(ref) ?? ref;
  const to = lookup(decodeURIComponent(ref.slice(cut + 1)));
  return to === undefined ? ref : `${ref.slice(0, cut + 1)}${encodeURIComponent(to)}`;
}
