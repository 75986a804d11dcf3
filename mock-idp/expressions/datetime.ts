/**
 * The subset of .NET custom date/time format strings that mapping expressions use (FormatDateTime, CDate, Now):
 * y, M, d, H, h, m, s, f, F, t, z, K, quoted literals and backslash escapes. Always UTC, invariant culture.
 */

type Part = { kind: 'field'; spec: string } | { kind: 'literal'; text: string };

const FIELD_CHARS = new Set(['y', 'M', 'd', 'H', 'h', 'm', 's', 'f', 'F', 't', 'z', 'K']);
const compiled = new Map<string, Part[]>();

function split(format: string): Part[] {
  const hit = compiled.get(format);
  if (hit) return hit;
  const parts: Part[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      const stop = end < 0 ? format.length : end;
      parts.push({ kind: 'literal', text: format.slice(i + 1, stop) });
      i = stop + 1;
    } else if (c === '\\') {
      parts.push({ kind: 'literal', text: format[i + 1] ?? '' });
      i += 2;
    } else if (FIELD_CHARS.has(c)) {
      let j = i;
      while (format[j] === c) j++;
      parts.push({ kind: 'field', spec: format.slice(i, j) });
      i = j;
    } else {
      parts.push({ kind: 'literal', text: c });
      i++;
    }
  }
  compiled.set(format, parts);
  return parts;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function formatDate(date: Date, format: string): string {
  let out = '';
  for (const p of split(format)) {
    if (p.kind === 'literal') {
      out += p.text;
      continue;
    }
    const n = p.spec.length;
    const h = date.getUTCHours();
    switch (p.spec[0]) {
      case 'y': out += n === 2 ? pad(date.getUTCFullYear() % 100, 2) : pad(date.getUTCFullYear(), Math.max(n, 1)); break;
      case 'M': out += pad(date.getUTCMonth() + 1, Math.min(n, 2)); break;
      case 'd': out += pad(date.getUTCDate(), Math.min(n, 2)); break;
      case 'H': out += pad(h, Math.min(n, 2)); break;
      case 'h': out += pad(h % 12 === 0 ? 12 : h % 12, Math.min(n, 2)); break;
      case 'm': out += pad(date.getUTCMinutes(), Math.min(n, 2)); break;
      case 's': out += pad(date.getUTCSeconds(), Math.min(n, 2)); break;
      case 'f': out += pad(date.getUTCMilliseconds(), 3).padEnd(7, '0').slice(0, n); break;
      case 'F': out += pad(date.getUTCMilliseconds(), 3).padEnd(7, '0').slice(0, n).replace(/0+$/, ''); break;
      case 't': out += (h < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2); break;
      case 'z': out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00'; break;
      case 'K': out += 'Z'; break;
    }
  }
  return out;
}

/** Parses `text` with a .NET custom format; undefined when it does not match. Leading/trailing white allowed. */
export function parseDate(text: string, format: string): Date | undefined {
  const fields: string[] = [];
  let re = '^\\s*';
  for (const p of split(format)) {
    if (p.kind === 'literal') {
      re += p.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const n = p.spec.length;
    fields.push(p.spec);
    switch (p.spec[0]) {
      case 'y': re += n <= 2 ? '(\\d{2})' : `(\\d{${n}})`; break;
      case 'f': re += `(\\d{${n}})`; break;
      case 'F': re += `(\\d{0,${n}})`; break;
      case 't': re += n === 1 ? '([AP])' : '(AM|PM)'; break;
      case 'z': re += n === 3 ? '([+-]\\d{2}:\\d{2})' : n === 2 ? '([+-]\\d{2})' : '([+-]\\d{1,2})'; break;
      case 'K': re += '(Z|[+-]\\d{2}:\\d{2})?'; break;
      default: re += n >= 2 ? '(\\d{2})' : '(\\d{1,2})';
    }
  }
  const m = new RegExp(`${re}\\s*$`, 'i').exec(text);
  if (!m) return undefined;
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let pm: boolean | undefined;
  let offsetMin = 0;
  fields.forEach((spec, idx) => {
    const v = m[idx + 1] ?? '';
    switch (spec[0]) {
      case 'y': year = spec.length <= 2 ? 2000 + Number(v) : Number(v); break;
      case 'M': month = Number(v); break;
      case 'd': day = Number(v); break;
      case 'H': case 'h': hour = Number(v); break;
      case 'm': minute = Number(v); break;
      case 's': second = Number(v); break;
      case 'f': case 'F': ms = v ? Math.round(Number(`0.${v}`) * 1000) : 0; break;
      case 't': pm = v.toUpperCase().startsWith('P'); break;
      case 'z': case 'K': {
        if (!v || v.toUpperCase() === 'Z') break;
        const [hh, mm] = v.slice(1).split(':');
        offsetMin = (v[0] === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm ?? 0));
        break;
      }
    }
  });
  if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
  const d = new Date(t);
  return Number.isNaN(t) || month < 1 || month > 12 || day < 1 || day > 31 ? undefined : d;
}

/** Entra's default DateTime text: `M/d/yyyy h:mm:ss tt`, UTC. */
export function defaultDateText(date: Date): string {
  return formatDate(date, 'M/d/yyyy h:mm:ss tt');
}

/** CDate: ISO 8601 with an optional offset (`2020-03-16-07:00`, `2009-06-15T01:45:30-07:00`) or Entra's default text. */
export function parseLooseDate(text: string): Date | undefined {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, f, z] = iso;
    let offset = 0;
    if (z && z.toUpperCase() !== 'Z') {
      const digits = z.replace(':', '');
      offset = (z[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    const ms = f ? Math.round(Number(`0.${f}`) * 1000) : 0;
    return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms) - offset * 60_000);
  }
  return parseDate(text, 'M/d/yyyy h:mm:ss tt');
}
