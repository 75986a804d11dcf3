/**
 * The function library of docs/entra-behaviour.md §6 (functions-for-customizing-application-data.md). Arguments arrive as
 * thunks so IIF/Switch/Coalesce evaluate only what they need; booleans are the strings "True"/"False".
 */
import { randomUUID } from 'node:crypto';
import { ExpressionError, ExpressionRuntimeError } from './errors.js';
import { defaultDateText, formatDate, parseDate, parseLooseDate } from './datetime.js';
import type { Node } from './parser.js';

/** A value in an expression: a string, a multi-valued attribute, a DateTime, or null (absent). */
export type Value = string | null | readonly string[] | Date;

export interface EvalContext {
  /** Source attribute by name; null when absent. */
  get(name: string): Value;
  /** The (simulated) clock, for Now(). */
  now(): Date;
}

export type Thunk = () => Value;
export interface FunctionDef {
  min: number;
  max: number;
  /** Extra compile-time checks on the argument nodes (literal regexes, Switch pairs). */
  check?: (args: ReadonlyArray<Node | null>, pos: number) => void;
  call: (args: Thunk[], ctx: EvalContext, pos: number) => Value;
}

export const TRUE = 'True';
export const FALSE = 'False';
const bool = (b: boolean): string => (b ? TRUE : FALSE);

export function toText(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return defaultDateText(v);
  return v[0] ?? null;
}
const isEmpty = (v: Value): boolean => v === null || (typeof v === 'string' ? v === '' : !(v instanceof Date) && v.length === 0);
export function truthy(v: Value): boolean {
  const t = toText(v);
  if (t === null) return false;
  if (/^true$/i.test(t)) return true;
  const n = Number(t);
  return t.trim() !== '' && Number.isFinite(n) && n !== 0;
}
function int(v: Value, what: string, pos: number): number {
  const n = Number(toText(v));
  if (!Number.isInteger(n)) throw new ExpressionRuntimeError(`${what} must be an integer, got ${JSON.stringify(toText(v))}`, pos);
  return n;
}
const arg = (args: Thunk[], i: number): Value => (args[i] ? (args[i] as Thunk)() : null);

/** .NET replacement syntax `${name}` → JavaScript `$<name>`. */
const jsReplacement = (r: string): string => r.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$<$1>');
const regexCache = new Map<string, RegExp>();
function regex(pattern: string, pos: number, flags = 'g'): RegExp {
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    try {
      re = new RegExp(pattern, flags);
    } catch (err) {
      throw new ExpressionRuntimeError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`, pos);
    }
    regexCache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}
function literalRegexCheck(index: number) {
  return (args: ReadonlyArray<Node | null>): void => {
    const a = args[index];
    if (a?.kind !== 'str') return;
    try {
      new RegExp(a.value);
    } catch (err) {
      throw new ExpressionError(`invalid regular expression ${JSON.stringify(a.value)}: ${(err as Error).message}`, a.pos);
    }
  };
}

// The documented table (æ → ae, ø → oe, ß → ss, ł → l …); everything else by Unicode decomposition.
const DIACRITIC_SPECIALS: Record<string, string> = {
  æ: 'ae', Æ: 'AE', ǣ: 'ae', Ǣ: 'AE', ø: 'oe', Ø: 'OE', œ: 'oe', Œ: 'OE', ß: 'ss', ł: 'l', Ł: 'L', ı: 'i', đ: 'd', Đ: 'D',
};
export function normalizeDiacritics(s: string): string {
  return s
    .replace(/[æÆǣǢøØœŒßłŁıđĐ]/g, (c) => DIACRITIC_SPECIALS[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u0331\u0304]/g, '')
    .normalize('NFC');
}

function replaceFn(args: Thunk[], _ctx: EvalContext, pos: number): Value {
  const source = toText(arg(args, 0));
  const oldValue = toText(arg(args, 1));
  const pattern = toText(arg(args, 2));
  const group = toText(arg(args, 3));
  const replacement = toText(arg(args, 4));
  const template = toText(arg(args, 6));
  if (pattern !== null && group !== null && replacement === null && args[5]) {
    // Mode 5: source wins; else extract the named group from the replacement attribute.
    if (source !== null && source !== '') return source;
    const from = toText(arg(args, 5));
    if (from === null) return null;
    const m = regex(pattern, pos, '').exec(from);
    return m?.groups?.[group] ?? null;
  }
  if (oldValue !== null && template !== null) return source === null ? null : template.split(oldValue).join(source);
  if (source === null) return null;
  if (oldValue !== null && replacement !== null) return oldValue === '' ? source : source.split(oldValue).join(replacement);
  if (pattern !== null && group !== null && replacement !== null) {
    // Mode 4: replace only the named group's text in every match.
    const re = regex(pattern, pos, 'gd');
    let out = '';
    let last = 0;
    for (const m of source.matchAll(re)) {
      const span = m.indices?.groups?.[group];
      if (!span) continue;
      out += source.slice(last, span[0]) + replacement;
      last = span[1];
    }
    return out + source.slice(last);
  }
  if (pattern !== null && replacement !== null) return source.replace(regex(pattern, pos), jsReplacement(replacement));
  throw new ExpressionRuntimeError('Replace needs oldValue+replacementValue, oldValue+template, regexPattern+replacementValue or regexPattern+regexGroupName+replacementAttributeName', pos);
}

function formatDateTimeFn(args: Thunk[], _ctx: EvalContext, pos: number): Value {
  // FormatDateTime(source, [dateTimeStyles,] inputFormat, outputFormat)
  const [src, inFmt, outFmt] = args.length === 4 ? [args[0], args[2], args[3]] : [args[0], args[1], args[2]];
  const value = src ? src() : null;
  if (value === null) return null;
  const output = toText(outFmt ? outFmt() : null);
  if (output === null) throw new ExpressionRuntimeError('FormatDateTime needs an outputFormat', pos);
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else {
    const text = toText(value) ?? '';
    const input = toText(inFmt ? inFmt() : null);
    date = input === null ? parseLooseDate(text) : parseDate(text, input);
    if (!date) throw new ExpressionRuntimeError(`FormatDateTime: ${JSON.stringify(text)} does not match the input format ${JSON.stringify(input)}`, pos);
  }
  return formatDate(date, output);
}

const NOT_EMULATED = ['DateAdd', 'DateDiff', 'NumFromDate', 'RandomString', 'Redact', 'SelectUniqueValue', 'AppRoleAssignmentsComplex', 'AssertiveAppRoleAssignmentsComplex'];

export const FUNCTIONS: Record<string, FunctionDef> = {
  Append: { min: 2, max: 2, call: (a) => {
    const s = toText(arg(a, 0));
    return s === null ? null : s + (toText(arg(a, 1)) ?? '');
  } },
  Join: { min: 2, max: Infinity, call: (a) => {
    const sep = toText(arg(a, 0)) ?? '';
    const parts: string[] = [];
    for (let i = 1; i < a.length; i++) {
      const v = arg(a, i);
      if (v === null) continue;
      if (typeof v === 'string') { if (v !== '') parts.push(v); } else if (v instanceof Date) parts.push(defaultDateText(v));
      else for (const x of v) if (x !== '') parts.push(x);
    }
    return parts.length ? parts.join(sep) : null;
  } },
  ToLower: { min: 1, max: 2, call: (a) => {
    const s = toText(arg(a, 0));
    const culture = toText(arg(a, 1));
    return s === null ? null : culture ? s.toLocaleLowerCase(culture) : s.toLowerCase();
  } },
  ToUpper: { min: 1, max: 2, call: (a) => {
    const s = toText(arg(a, 0));
    const culture = toText(arg(a, 1));
    return s === null ? null : culture ? s.toLocaleUpperCase(culture) : s.toUpperCase();
  } },
  Switch: {
    min: 4,
    max: Infinity,
    check: (args, pos) => {
      if ((args.length - 2) % 2 !== 0) throw new ExpressionError(`Switch needs key/value pairs after source and defaultValue; got ${args.length} arguments`, pos);
    },
    call: (a) => {
      // Case-sensitive; an empty key matches an absent or empty source.
      const source = toText(arg(a, 0)) ?? '';
      for (let i = 2; i + 1 < a.length; i += 2) if ((toText(arg(a, i)) ?? '') === source) return arg(a, i + 1);
      return arg(a, 1);
    },
  },
  IIF: { min: 3, max: 3, call: (a) => (truthy(arg(a, 0)) ? arg(a, 1) : arg(a, 2)) },
  Replace: { min: 5, max: 7, check: literalRegexCheck(2), call: replaceFn },
  Coalesce: { min: 1, max: Infinity, call: (a) => {
    for (let i = 0; i < a.length; i++) {
      const v = arg(a, i);
      if (v !== null) return v;
    }
    return null;
  } },
  Mid: { min: 3, max: 3, call: (a, _c, pos) => {
    const s = toText(arg(a, 0));
    if (s === null) return null;
    const start = int(arg(a, 1), 'Mid start', pos);
    const len = int(arg(a, 2), 'Mid length', pos);
    const from = Math.max(start - 1, 0);
    return s.slice(from, from + Math.max(len, 0));
  } },
  NormalizeDiacritics: { min: 1, max: 1, call: (a) => {
    const s = toText(arg(a, 0));
    return s === null ? null : normalizeDiacritics(s);
  } },
  Not: { min: 1, max: 1, call: (a) => bool(!/^true$/i.test(toText(arg(a, 0)) ?? '')) },
  IsNull: { min: 1, max: 1, call: (a) => bool(arg(a, 0) === null) },
  IsNullOrEmpty: { min: 1, max: 1, call: (a) => bool(isEmpty(arg(a, 0))) },
  IsPresent: { min: 1, max: 1, call: (a) => bool(!isEmpty(arg(a, 0))) },
  IsString: { min: 1, max: 1, call: (a) => bool(typeof arg(a, 0) === 'string') },
  IgnoreFlowIfNullOrEmpty: { min: 1, max: 1, call: (a) => {
    const v = arg(a, 0);
    return isEmpty(v) ? null : v;
  } },
  SingleAppRoleAssignment: { min: 1, max: 1, call: (a) => {
    const v = arg(a, 0);
    return v === null || typeof v === 'string' || v instanceof Date ? v : (v[0] ?? null);
  } },
  FormatDateTime: { min: 3, max: 4, call: formatDateTimeFn },
  DateFromNum: { min: 1, max: 1, call: (a, _c, pos) => {
    const s = toText(arg(a, 0));
    if (s === null) return null;
    if (!/^-?\d+$/.test(s.trim())) throw new ExpressionRuntimeError(`DateFromNum expects an AD FILETIME number, got ${JSON.stringify(s)}`, pos);
    // FILETIME: 100 ns ticks since 1601-01-01 UTC.
    const ms = BigInt(s.trim()) / 10_000n - 11_644_473_600_000n;
    return new Date(Number(ms));
  } },
  CDate: { min: 1, max: 1, call: (a, _c, pos) => {
    const v = arg(a, 0);
    if (v === null || v instanceof Date) return v;
    const d = parseLooseDate(toText(v) ?? '');
    if (!d) throw new ExpressionRuntimeError(`CDate cannot read ${JSON.stringify(toText(v))} as a date`, pos);
    return d;
  } },
  Now: { min: 0, max: 0, call: (_a, ctx) => defaultDateText(ctx.now()) },
  Left: { min: 2, max: 2, call: (a, _c, pos) => {
    const s = toText(arg(a, 0));
    const n = int(arg(a, 1), 'Left NumChars', pos);
    if (s === null) return '';
    return n < 0 ? s : s.slice(0, n);
  } },
  Word: { min: 3, max: 3, call: (a, _c, pos) => {
    const s = toText(arg(a, 0));
    const n = int(arg(a, 1), 'Word WordNumber', pos);
    const delims = toText(arg(a, 2)) ?? '';
    if (s === null || n < 1) return '';
    const words: string[] = [];
    let cur = '';
    for (const ch of s) {
      if (delims.includes(ch)) {
        if (cur) words.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur) words.push(cur);
    return words[n - 1] ?? '';
  } },
  StripSpaces: { min: 1, max: 1, call: (a) => {
    const s = toText(arg(a, 0));
    return s === null ? null : s.replace(/ /g, '');
  } },
  CStr: { min: 1, max: 1, call: (a) => toText(arg(a, 0)) },
  CBool: { min: 1, max: 1, call: (a) => bool(truthy(arg(a, 0))) },
  Guid: { min: 0, max: 0, call: () => randomUUID() },
  Split: { min: 2, max: 2, call: (a) => {
    const s = toText(arg(a, 0));
    return s === null ? null : s.split(toText(arg(a, 1)) ?? ',');
  } },
  Item: { min: 2, max: 2, call: (a, _c, pos) => {
    const v = arg(a, 0);
    const i = int(arg(a, 1), 'Item index', pos);
    if (v === null || v instanceof Date) return null;
    return typeof v === 'string' ? (i === 1 ? v : null) : (v[i - 1] ?? null);
  } },
  Count: { min: 1, max: 1, call: (a) => {
    const v = arg(a, 0);
    return String(v === null ? 0 : typeof v === 'string' || v instanceof Date ? 1 : v.length);
  } },
  RemoveDuplicates: { min: 1, max: 1, call: (a) => {
    const v = arg(a, 0);
    return v === null || typeof v === 'string' || v instanceof Date ? v : [...new Set(v)];
  } },
  InStr: { min: 2, max: 4, call: (a, _c, pos) => {
    let hay = toText(arg(a, 0)) ?? '';
    let needle = toText(arg(a, 1)) ?? '';
    const start = a[2] ? int(arg(a, 2), 'InStr start', pos) : 1;
    if ((toText(arg(a, 3)) ?? '') === 'vbTextCompare') {
      hay = hay.toLowerCase();
      needle = needle.toLowerCase();
    }
    return String(hay.indexOf(needle, Math.max(start - 1, 0)) + 1);
  } },
  PCase: { min: 1, max: 2, call: (a) => {
    const s = toText(arg(a, 0));
    if (s === null) return null;
    const seps = toText(arg(a, 1));
    const isSep = (ch: string): boolean => (seps !== null ? seps.includes(ch) : /[\s\p{P}\p{S}]/u.test(ch));
    let out = '';
    let start = true;
    for (const ch of s) {
      out += start ? ch.toUpperCase() : ch.toLowerCase();
      start = isSep(ch);
    }
    return out;
  } },
  ConvertToBase64: { min: 1, max: 1, call: (a) => {
    const s = toText(arg(a, 0));
    return s === null ? null : Buffer.from(s, 'utf16le').toString('base64');
  } },
  ConvertToUTF8Hex: { min: 1, max: 1, call: (a) => {
    const s = toText(arg(a, 0));
    return s === null ? null : Buffer.from(s, 'utf8').toString('hex').toUpperCase();
  } },
  BitAnd: { min: 2, max: 2, call: (a, _c, pos) => String(int(arg(a, 0), 'BitAnd value1', pos) & int(arg(a, 1), 'BitAnd value2', pos)) },
};

export function lookupFunction(name: string, pos: number): FunctionDef {
  const def = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (def) return def;
  if (NOT_EMULATED.includes(name)) throw new ExpressionError(`function ${name} is documented by Microsoft but not emulated by the mock IdP`, pos);
  const near = Object.keys(FUNCTIONS).find((f) => f.toLowerCase() === name.toLowerCase());
  throw new ExpressionError(`unknown function ${name}${near ? ` (function names are case-sensitive: did you mean ${near}?)` : ''}`, pos);
}
