/** Tokens of Entra's VBA-like mapping expressions (docs/entra-behaviour.md §6). Positions are 1-based characters. */
import { ExpressionError } from './errors.js';

export type TokenType = 'name' | 'attribute' | 'string' | 'number' | 'lparen' | 'rparen' | 'comma' | 'op' | 'end';

export interface Token {
  type: TokenType;
  /** Decoded text: the name, the attribute inside brackets, the unescaped string, the digits, the operator. */
  text: string;
  pos: number;
}

export const MAX_EXPRESSION_LENGTH = 10_000;
const COMPARISON = ['<>', '>=', '<=', '=', '>', '<'];

export function tokenize(src: string): Token[] {
  if (src.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`expression is ${src.length} characters long; Entra allows at most ${MAX_EXPRESSION_LENGTH}`, MAX_EXPRESSION_LENGTH + 1);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const pos = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, pos });
      i++;
    } else if (c === '[') {
      const close = src.indexOf(']', i + 1);
      if (close < 0) throw new ExpressionError('unclosed attribute "[": expected "]"', pos);
      const name = src.slice(i + 1, close).trim();
      if (!name) throw new ExpressionError('empty attribute name "[]"', pos);
      tokens.push({ type: 'attribute', text: name, pos });
      i = close + 1;
    } else if (c === '"') {
      let out = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new ExpressionError('unterminated string constant: expected a closing \'"\'', pos);
        const d = src[j] as string;
        if (d === '\\' && j + 1 < src.length) {
          out += src[j + 1];
          j += 2;
        } else if (d === '"') {
          break;
        } else {
          out += d;
          j++;
        }
      }
      tokens.push({ type: 'string', text: out, pos });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'number', text: m[0], pos });
      i += m[0].length;
    } else if (c === '&' && /^&H[0-9A-Fa-f]+/.test(src.slice(i))) {
      // VBA hex literal (BitAnd(&HF, &HF7)): kept as its decimal value.
      const m = /^&H([0-9A-Fa-f]+)/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'number', text: String(parseInt(m[1] as string, 16)), pos });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'name', text: m[0], pos });
      i += m[0].length;
    } else {
      const op = COMPARISON.find((o) => src.startsWith(o, i));
      if (!op) throw new ExpressionError(`unexpected character ${JSON.stringify(c)}`, pos);
      tokens.push({ type: 'op', text: op, pos });
      i += op.length;
    }
  }
  tokens.push({ type: 'end', text: '', pos: src.length + 1 });
  return tokens;
}
