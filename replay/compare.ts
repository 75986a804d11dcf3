/**
 * Structural comparison of a recorded SCIM body with a new one. Fair to a new build: attribute names compare
 * without case, multi-valued attributes (and a list's Resources) without order, absent, null and [] are the same
 * (RFC 7643 §2.5 "unassigned"), and volatile fields are never compared: ids, `$ref` URLs, and `meta` except
 * `meta.resourceType` (created, lastModified, version and location change with every write and every host).
 */

export interface Difference {
  /** Where: `name.givenName`, `emails[type=work].value`, `Resources[userName=…]`. */
  path: string;
  what: 'missing' | 'extra' | 'changed';
  recorded?: unknown;
  now?: unknown;
}

export interface CompareOptions {
  /**
   * Compare only what `recorded` holds (the final state the recording implies is partial: attributes it never
   * showed are not judged). Elements of a multi-valued attribute it holds are still compared one for one.
   */
  subset?: boolean;
}

const VOLATILE = new Set(['id', '$ref']);
/** Keys that name a multi-valued element when there is no `value`. */
const LABEL_KEYS = ['value', 'type', 'userName', 'displayName', 'externalId'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unassigned(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/** The comparable part of a value: volatile keys dropped, `meta` cut to resourceType, keys in lower case and sorted. */
function comparable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(comparable);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const key = k.toLowerCase();
    if (VOLATILE.has(key) || unassigned(x)) continue;
    if (key === 'meta') {
      const rt = isObject(x) ? Object.entries(x).find(([mk]) => mk.toLowerCase() === 'resourcetype')?.[1] : undefined;
      if (rt !== undefined) out.meta = { resourcetype: rt };
      continue;
    }
    out[key] = comparable(x);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** `inExtension`: `path` is an extension URN, whose attributes are named `urn:…:User:manager`, not `….User.manager`. */
function join(path: string, key: string, inExtension: boolean): string {
  if (path === '') return key;
  return inExtension ? `${path}:${key}` : `${path}.${key}`;
}

function labelOf(v: unknown, i: number): string {
  if (isObject(v)) {
    for (const k of LABEL_KEYS) {
      const x = v[k.toLowerCase()];
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return `[${k}=${String(x)}]`;
    }
  }
  return `[${i}]`;
}

function compareNode(recorded: unknown, now: unknown, path: string, subset: boolean, out: Difference[], inExtension = false): void {
  if (unassigned(recorded) && unassigned(now)) return;
  if (unassigned(now)) {
    out.push({ path, what: 'missing', recorded });
    return;
  }
  if (unassigned(recorded)) {
    if (!subset) out.push({ path, what: 'extra', now });
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(now)) {
    compareArrays(recorded, now, path, subset, out);
    return;
  }
  if (isObject(recorded) && isObject(now)) {
    const child = (k: string, r: unknown, n: unknown): void => compareNode(r, n, join(path, k, inExtension), subset, out, k.startsWith('urn:'));
    for (const [k, r] of Object.entries(recorded)) child(k, r, now[k]);
    if (!subset) for (const [k, n] of Object.entries(now)) if (!(k in recorded)) child(k, undefined, n);
    return;
  }
  if (recorded !== now) out.push({ path, what: 'changed', recorded, now });
}

function differences(recorded: unknown, now: unknown, subset: boolean): Difference[] {
  const out: Difference[] = [];
  compareNode(recorded, now, '', subset, out);
  return out;
}

/** Elements paired without regard to order: identical ones first, then each left-over with its closest counterpart. */
function compareArrays(recorded: unknown[], now: unknown[], path: string, subset: boolean, out: Difference[]): void {
  const free = new Map<string, number[]>();
  now.forEach((n, i) => {
    const key = JSON.stringify(n);
    free.set(key, [...(free.get(key) ?? []), i]);
  });
  const used = new Set<number>();
  const unmatched: number[] = [];
  recorded.forEach((r, i) => {
    const j = free.get(JSON.stringify(r))?.shift();
    if (j === undefined) unmatched.push(i);
    else used.add(j);
  });
  for (const i of unmatched) {
    const r = recorded[i];
    let best: { j: number; diffs: Difference[] } | undefined;
    if (isObject(r)) {
      now.forEach((n, j) => {
        // `value` is what a multi-valued element is (a member, an address): another value is another element.
        if (used.has(j) || !isObject(n) || ('value' in r && 'value' in n && r.value !== n.value)) return;
        const diffs = differences(r, n, subset);
        if (!best || diffs.length < best.diffs.length) best = { j, diffs };
      });
    }
    // A counterpart that shares nothing is not one: the element is missing, and the other one extra.
    if (best && best.diffs.length < Object.keys(r as object).length) {
      used.add(best.j);
      for (const d of best.diffs) out.push({ ...d, path: `${path}${labelOf(r, i)}${d.path === '' ? '' : `.${d.path}`}` });
    } else {
      out.push({ path: `${path}${labelOf(r, i)}`, what: 'missing', recorded: r });
    }
  }
  now.forEach((n, j) => {
    if (!used.has(j)) out.push({ path: `${path}${labelOf(n, j)}`, what: 'extra', now: n });
  });
}

/** The differences between a recorded body and a new one, volatile fields aside. */
export function compareBodies(recorded: unknown, now: unknown, opts: CompareOptions = {}): Difference[] {
  return differences(comparable(recorded), comparable(now), opts.subset ?? false);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** One line: `name.givenname: recorded "A", now "B"`. */
export function describeDifference(d: Difference): string {
  switch (d.what) {
    case 'missing': return `${d.path}: missing now (recorded ${show(d.recorded)})`;
    case 'extra': return `${d.path}: not in the recording (now ${show(d.now)})`;
    case 'changed': return `${d.path}: recorded ${show(d.recorded)}, now ${show(d.now)}`;
  }
}
