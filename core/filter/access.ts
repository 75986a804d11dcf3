/**
 * Reading plain JSON resources the way SCIM means them: attribute names case-insensitively, single values as
 * one-element lists. Shared by the evaluator, PATCH, projection and sorting so they all agree.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The key under which `obj` holds `name`: the exact spelling first, else any case. */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

export function getKey(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** undefined/null → [], arrays as they are, anything else → [it]. */
export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** RFC 7644 §3.4.2.2 `pr`: null, "", [] and objects with no present member count as absent. */
export function isPresent(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(isPresent);
  if (isObject(v)) return Object.values(v).some(isPresent);
  return true;
}

/** "true"/"false" in any case, as SCIM clients such as Entra send them, or a boolean as is. */
export function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** Milliseconds since the epoch of an RFC 3339 / xsd:dateTime string, NaN for anything else. */
export function toInstant(v: unknown): number {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    return NaN;
  }
  return Date.parse(v.replace(' ', 'T'));
}
