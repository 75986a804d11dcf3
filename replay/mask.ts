/**
 * PII masking at record time. A value seen in a configured field (userName, emails.value, name.givenName, …) gets a
 * mask — `pii-7`, or `pii-7@masked.invalid` for an email address — and that mask replaces the value wherever it
 * appears from then on: in other fields, in filters, in PATCH paths, in ids and inside free text. The same value
 * (ignoring case) always gets the same mask, and the mask keeps the value's upper-case letters where it can, so
 * a case-insensitive match in the recording is still one in the trace.
 */
import { rewriteJson, rewritePath, type Lookup } from './rewrite.js';
import { exchangeValues, normalizeAttrPath } from './scim-values.js';
import type { TraceExchange } from './trace.js';

/** Masked unless `--mask` says otherwise: what identifies a person in Entra's default mapping and RFC 7643 §4.1. */
export const DEFAULT_PII_FIELDS: readonly string[] = [
  'userName', 'displayName', 'nickName', 'title', 'externalId',
  'name.givenName', 'name.familyName', 'name.middleName', 'name.formatted',
  'emails.value', 'phoneNumbers.value',
  'addresses.formatted', 'addresses.streetAddress', 'addresses.locality', 'addresses.postalCode',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName',
];

/** Shorter values are masked where they stand, but not searched for inside other text (they would shred it). */
const MIN_SUBSTRING = 5;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

export class Masker {
  readonly fields: readonly string[];
  private readonly configured: ReadonlySet<string>;
  private readonly masks = new Map<string, string>();
  private pattern: RegExp | undefined;
  private stale = false;

  constructor(fields: readonly string[] = DEFAULT_PII_FIELDS) {
    this.fields = [...new Set(fields.map(normalizeAttrPath))];
    this.configured = new Set(this.fields);
  }

  /** The mask of a known value, in the value's case pattern; undefined for values never seen in a masked field. */
  readonly lookup: Lookup = (value) => {
    const mask = this.masks.get(value.toLowerCase());
    return mask === undefined ? undefined : inCaseOf(mask, value);
  };

  /** Free text with every known value (of at least 5 characters) masked, whatever its case. */
  readonly text = (s: string): string => {
    if (this.stale) this.rebuild();
    if (!this.pattern || s.length < MIN_SUBSTRING) return s;
    return s.replace(this.pattern, (m) => this.lookup(m) ?? m);
  };

  /** Learns the values of masked fields an exchange carries, then masks it whole. */
  maskExchange(x: TraceExchange): TraceExchange {
    for (const v of exchangeValues(x)) if (this.configured.has(v.path) && v.value !== '') this.learn(v.value);
    const how = { text: this.text };
    const out: TraceExchange = {
      ...x,
      request: {
        ...x.request,
        path: this.text(rewritePath(x.request.path, { ids: this.lookup, literals: this.lookup })),
        ...(x.request.body !== undefined ? { body: rewriteJson(x.request.body, this.lookup, how) } : {}),
      },
    };
    if (x.response) {
      out.response = {
        ...x.response,
        headers: Object.fromEntries(Object.entries(x.response.headers).map(([k, v]) => [k, this.text(v)])),
        ...(x.response.body !== undefined ? { body: rewriteJson(x.response.body, this.lookup, how) } : {}),
      };
    }
    if (x.error) out.error = { ...x.error, message: this.text(x.error.message) };
    return out;
  }

  private learn(value: string): void {
    const key = value.toLowerCase();
    if (this.masks.has(key)) return;
    const n = this.masks.size + 1;
    this.masks.set(key, EMAIL.test(value) ? `pii-${n}@masked.invalid` : `pii-${n}`);
    if (value.length >= MIN_SUBSTRING) this.stale = true;
  }

  private rebuild(): void {
    const long = [...this.masks.keys()].filter((k) => k.length >= MIN_SUBSTRING).sort((a, b) => b.length - a.length);
    this.pattern = long.length === 0 ? undefined : new RegExp(long.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
    this.stale = false;
  }
}

/** The mask with upper case where the value has it, position by position (all upper when the value is). */
function inCaseOf(mask: string, value: string): string {
  if (value === value.toLowerCase()) return mask;
  if (value === value.toUpperCase()) return mask.toUpperCase();
  return [...mask].map((c, i) => (value[i] !== undefined && value[i] !== value[i]?.toLowerCase() ? c.toUpperCase() : c)).join('');
}
