/** Reading the API's JSON bodies and query strings: each problem is a CONSOLE_BAD_INPUT naming the field. */
import { ConsoleError } from '../errors.js';

export type Fields = Record<string, unknown>;

export function fieldsOf(body: unknown, what: string): Fields {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ConsoleError('CONSOLE_BAD_INPUT', `${what}: expected a JSON object`);
  return body as Fields;
}

export function optionalString(f: Fields, name: string): string | undefined {
  const v = f[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new ConsoleError('CONSOLE_BAD_INPUT', `${name}: expected text`);
  return v;
}

export function requiredString(f: Fields, name: string, label = name): string {
  const v = optionalString(f, name);
  if (v === undefined || !v.trim()) throw new ConsoleError('CONSOLE_BAD_INPUT', `${label} is required`);
  return v;
}

export function optionalBoolean(f: Fields, name: string): boolean | undefined {
  const v = f[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new ConsoleError('CONSOLE_BAD_INPUT', `${name}: expected true or false`);
}

export function oneOf<T extends string>(f: Fields, name: string, allowed: readonly T[]): T | undefined {
  const v = optionalString(f, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new ConsoleError('CONSOLE_BAD_INPUT', `${name}: expected one of ${allowed.join(', ')}; got ${JSON.stringify(v)}`);
  return v as T;
}

export function wholeNumber(f: Fields, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = f[name];
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ConsoleError('CONSOLE_BAD_INPUT', `${name}: expected a whole number from 0 to ${max}; got ${JSON.stringify(v)}`);
  return n;
}

/** A date-time (ISO 8601 or the page's datetime-local value) as ms, or undefined. */
export function dateTime(f: Fields, name: string): number | undefined {
  const v = optionalString(f, name);
  if (v === undefined) return undefined;
  const ms = Date.parse(/Z$|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(ms)) throw new ConsoleError('CONSOLE_BAD_INPUT', `${name}: expected a date and time like 2026-12-05T14:30; got ${JSON.stringify(v)}`);
  return ms;
}
