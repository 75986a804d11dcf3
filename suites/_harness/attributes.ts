/**
 * A check's view of the run's attribute set (core/attributes). A check states the attributes its subject needs —
 * n/a with the reason when the endpoint does not declare one — or picks among candidates in its order of
 * preference (Entra's default mapping first); what it chose goes into its evidence. Generated users are pruned to
 * the set before they are sent, so no check writes an attribute the endpoint never claimed.
 */
import type { AttributeSet } from '../../core/attributes/attribute-set.js';
import type { ResourceType } from '../../core/resource-type.js';
import { na } from './verdicts.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Entra's create always marks the mapped work email primary (docs/entra-behaviour.md §2.1.1). */
const ENTRA_ALWAYS_SENDS = new Set(['emails.primary']);

export class CheckAttributes {
  private readonly used = new Set<string>();

  constructor(readonly set: AttributeSet) {}

  /** True when the endpoint declares every attribute `path` writes (nothing is recorded). */
  has(path: string, kind: ResourceType = 'User'): boolean {
    return this.set.has(kind, path);
  }

  /** The check writes these: n/a, naming the first undeclared one, unless all are declared. */
  need(paths: readonly string[], kind: ResourceType = 'User'): void {
    const missing = this.set.missing(kind, paths);
    if (missing[0] !== undefined) na(`${this.set.whyMissing(kind, missing[0])}${missing.length > 1 ? ` (nor is ${missing.slice(1).join(', ')})` : ''}`);
    for (const p of paths) this.used.add(p);
  }

  /** The declared ones of `paths`, in order, recorded as used (the check writes those it can). */
  declared(paths: readonly string[], kind: ResourceType = 'User'): string[] {
    const ok = paths.filter((p) => this.set.has(kind, p));
    for (const p of ok) this.used.add(p);
    return ok;
  }

  /** Up to `max` declared candidates, in the candidates' order; n/a when fewer than `min` are declared. */
  pick<T extends { path: string }>(candidates: readonly T[], purpose: string, min = 1, max = min): T[] {
    const ok = candidates.filter((c) => this.set.has('User', c.path));
    if (ok.length < min) {
      const have = ok.length ? ok.map((c) => c.path).join(', ') : 'none of them';
      na(`${purpose} needs ${min} of ${candidates.map((c) => c.path).join(', ')}; ${this.set.origin('User')} has ${have}`);
    }
    const chosen = ok.slice(0, max);
    for (const c of chosen) this.used.add(c.path);
    return chosen;
  }

  /** What the check chose, for its evidence. */
  recorded(): string[] {
    return [...this.used];
  }

  /**
   * A resource to send with only what the set declares: undeclared attributes, sub-attributes and extension
   * attributes are dropped; `keep` names top-level keys the check set on purpose, which stay as given.
   */
  prune<T extends object>(resource: T, keep: readonly string[] = [], kind: ResourceType = 'User'): T {
    const out: Json = {};
    const subsOf = (value: Json, key: string): Json =>
      Object.fromEntries(Object.entries(value).filter(([s]) => this.set.hasKey(kind, `${key}.${s.toLowerCase()}`) || ENTRA_ALWAYS_SENDS.has(`${key}.${s.toLowerCase()}`)));
    for (const [k, v] of Object.entries(resource)) {
      if (v === undefined) continue;
      const key = k.toLowerCase();
      if (keep.includes(k)) out[k] = v;
      else if (key.startsWith('urn:') && isObject(v)) {
        const ext = Object.fromEntries(Object.entries(v).filter(([s]) => this.set.hasKey(kind, `${key}:${s.toLowerCase()}`)));
        if (Object.keys(ext).length > 0) out[k] = ext;
      } else if (!this.set.hasKey(kind, key)) continue;
      else if (Array.isArray(v)) out[k] = v.map((e) => (isObject(e) ? subsOf(e, key) : e));
      else if (isObject(v)) out[k] = subsOf(v, key);
      else out[k] = v;
    }
    return out as T;
  }
}
