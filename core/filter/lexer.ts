/**
 * Tokenizer shared by filters and PATCH paths. A "word" is any run of characters other than white space, brackets,
 * parentheses and double quotes; the parser decides from its position whether it is an attribute path, an
 * operator or an unquoted value (Postman sends `emails.Value co example.com`).
 */
import { FilterSyntaxError } from './errors.js';

export type Token =
  | { readonly kind: '(' | ')' | '[' | ']'; readonly start: number; readonly end: number }
  | { readonly kind: 'word'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number };

const DELIMITERS = new Set(['(', ')', '[', ']', '"']);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

export function tokenize(text: string, kind: 'filter' | 'path'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === '[' || ch === ']') {
      tokens.push({ kind: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError(kind, start, 'unterminated string: expected a closing \'"\'');
        const c = text[i]!;
        if (c === '"') break;
        if (c !== '\\') {
          value += c;
          i++;
          continue;
        }
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new FilterSyntaxError(kind, i, 'expected four hex digits after \\u');
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          value += ESCAPES[e];
          i += 2;
        } else {
          throw new FilterSyntaxError(kind, i, 'expected a JSON escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        }
      }
      i++;
      tokens.push({ kind: 'string', value, start, end: i });
    } else {
      const start = i;
      while (i < text.length && !isSpace(text[i]!) && !DELIMITERS.has(text[i]!)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    }
  }
  return tokens;
}
