/**
 * Recursive-descent parser for RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths.
 * Precedence: not > and > or; `and`/`or` associate to the left. Operators, keywords and attribute names are
 * case-insensitive. Tolerated beyond the ABNF: unquoted values (numbers, booleans, bare words, ISO datetimes) and
 * `attr[filter].sub op value` (Entra's `emails[type eq "work"].value eq "x"`). Input length and nesting are bounded
 * so hostile input fails fast with FilterSyntaxError instead of exhausting the stack.
 */
import { splitAttrPath } from '../schema-defs/attr-path.js';
import type { AttrPath, CompareOp, CompValue, FilterNode, PathNode } from './ast.js';
import { FilterSyntaxError } from './errors.js';
import { tokenize, type Token } from './lexer.js';

export const MAX_FILTER_LENGTH = 8192;
export const MAX_FILTER_DEPTH = 64;

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const OPERATOR_LIST = 'eq, ne, co, sw, ew, pr, gt, ge, lt, le';
/** RFC 7644 ATTRNAME (ALPHA *(nameChar)), plus a leading `$` for `$ref`. */
const ATTRNAME = /^\$?[A-Za-z][A-Za-z0-9_-]*$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function describe(tok: Token | undefined): string {
  if (!tok) return 'end of input';
  if (tok.kind === 'word') return `"${tok.text}"`;
  if (tok.kind === 'string') return 'a quoted string';
  return `'${tok.kind}'`;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private inValueFilter = false;

  constructor(private readonly text: string, private readonly kind: 'filter' | 'path') {
    if (text.length > MAX_FILTER_LENGTH) {
      throw new FilterSyntaxError(kind, MAX_FILTER_LENGTH, `longer than ${MAX_FILTER_LENGTH} characters`);
    }
    this.tokens = tokenize(text, kind);
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private fail(expected: string, tok: Token | undefined = this.peek()): never {
    throw new FilterSyntaxError(this.kind, tok ? tok.start : this.text.length, `expected ${expected} but found ${describe(tok)}`);
  }

  private isKeyword(tok: Token | undefined, word: string): boolean {
    return tok?.kind === 'word' && tok.text.toLowerCase() === word;
  }

  private expect(kind: '(' | ')' | '[' | ']', expected: string): Token {
    const tok = this.peek();
    if (tok?.kind !== kind) this.fail(expected, tok);
    this.index++;
    return tok;
  }

  parseWholeFilter(): FilterNode {
    const node = this.parseOr(0);
    if (this.peek()) this.fail('"and", "or" or end of filter');
    return node;
  }

  parseWholePath(): PathNode {
    const tok = this.peek();
    if (tok?.kind !== 'word') this.fail('an attribute path', tok);
    this.index++;
    const path = this.attrPath(tok, true);
    if (path.attr === undefined) {
      if (this.peek()) this.fail('end of path after a schema URN');
      return path;
    }
    if (this.peek()?.kind !== '[') {
      if (this.peek()) this.fail('"[" or end of path');
      return path;
    }
    if (path.sub !== undefined) this.fail('end of path: a value filter follows the attribute, not a sub-attribute');
    const filter = this.valueFilter(1);
    const sub = this.subAfterBracket();
    if (this.peek()) this.fail('end of path');
    return { ...path, filter, ...(sub !== undefined ? { sub } : {}) };
  }

  private parseOr(depth: number): FilterNode {
    let left = this.parseAnd(depth);
    while (this.isKeyword(this.peek(), 'or')) {
      this.index++;
      left = { op: 'or', left, right: this.parseAnd(depth) };
    }
    return left;
  }

  private parseAnd(depth: number): FilterNode {
    let left = this.parseUnary(depth);
    while (this.isKeyword(this.peek(), 'and')) {
      this.index++;
      left = { op: 'and', left, right: this.parseUnary(depth) };
    }
    return left;
  }

  private parseUnary(depth: number): FilterNode {
    const tok = this.peek();
    if (depth >= MAX_FILTER_DEPTH) {
      throw new FilterSyntaxError(this.kind, tok ? tok.start : this.text.length, `nested deeper than ${MAX_FILTER_DEPTH} levels`);
    }
    if (this.isKeyword(tok, 'not') && this.peek(1)?.kind === '(') {
      this.index += 2;
      const filter = this.parseOr(depth + 1);
      this.expect(')', '")" to close "not ("');
      return { op: 'not', filter };
    }
    if (tok?.kind === '(') {
      this.index++;
      const inner = this.parseOr(depth + 1);
      this.expect(')', '")"');
      return inner;
    }
    return this.parseAttrExpr(depth);
  }

  private parseAttrExpr(depth: number): FilterNode {
    const tok = this.peek();
    if (tok?.kind !== 'word') this.fail('an attribute path', tok);
    this.index++;
    const path = this.attrPath(tok, false);
    if (this.peek()?.kind === '[') {
      if (path.sub !== undefined) this.fail('an operator: a value filter follows the attribute, not a sub-attribute');
      const filter = this.valueFilter(depth + 1);
      const sub = this.subAfterBracket();
      if (sub === undefined) return { op: 'valuePath', path, filter };
      // attr[f].sub op v  ≡  attr[f and sub op v]: the same element must satisfy both.
      const condition = this.comparison({ attr: sub });
      return { op: 'valuePath', path, filter: { op: 'and', left: filter, right: condition } };
    }
    return this.comparison(path);
  }

  private comparison(path: AttrPath): FilterNode {
    const opTok = this.peek();
    if (opTok?.kind !== 'word') this.fail(`an operator (${OPERATOR_LIST})`, opTok);
    const op = opTok.text.toLowerCase();
    if (op === 'pr') {
      this.index++;
      return { op: 'pr', path };
    }
    if (!COMPARE_OPS.has(op)) this.fail(`an operator (${OPERATOR_LIST})`, opTok);
    this.index++;
    const valTok = this.peek();
    if (valTok?.kind === 'string') {
      this.index++;
      return { op: op as CompareOp, path, value: valTok.value };
    }
    if (valTok?.kind !== 'word') this.fail('a comparison value (a quoted string, number, true, false or null)', valTok);
    this.index++;
    return { op: op as CompareOp, path, value: bareValue(valTok.text), raw: valTok.text };
  }

  private valueFilter(depth: number): FilterNode {
    const open = this.expect('[', '"["');
    if (this.inValueFilter) throw new FilterSyntaxError(this.kind, open.start, 'value filters cannot be nested');
    if (depth >= MAX_FILTER_DEPTH) {
      throw new FilterSyntaxError(this.kind, open.start, `nested deeper than ${MAX_FILTER_DEPTH} levels`);
    }
    this.inValueFilter = true;
    const filter = this.parseOr(depth);
    this.inValueFilter = false;
    this.expect(']', '"]" to close the value filter');
    return filter;
  }

  /** `.sub` right after `]`, if present. */
  private subAfterBracket(): string | undefined {
    const close = this.tokens[this.index - 1]!;
    const tok = this.peek();
    if (tok?.kind !== 'word' || tok.start !== close.end || !tok.text.startsWith('.')) return undefined;
    this.index++;
    const sub = tok.text.slice(1);
    if (!ATTRNAME.test(sub)) this.fail('a sub-attribute name after "]."', tok);
    return sub;
  }

  private attrPath(tok: Token & { kind: 'word' }, allowBareUri: boolean): AttrPath {
    const path = splitAttrPath(tok.text);
    if (path.uri !== undefined && !/^urn:[^\s:]+(?::[^\s:]+)+$/i.test(path.uri)) this.fail('a schema URN', tok);
    if (path.attr === undefined) {
      if (!allowBareUri) this.fail('an attribute name after the schema URN', tok);
      return path;
    }
    if (this.inValueFilter && path.uri !== undefined) this.fail('a sub-attribute name (no schema URN inside "[ ]")', tok);
    if (!ATTRNAME.test(path.attr)) this.fail('an attribute path', tok);
    if (path.sub !== undefined) {
      if (this.inValueFilter) this.fail('a sub-attribute name (no further "." inside "[ ]")', tok);
      if (!ATTRNAME.test(path.sub)) this.fail('an attribute path with at most one sub-attribute', tok);
    }
    return path;
  }
}

/** An unquoted comparison value: JSON literals and numbers as such, anything else as the text itself. */
function bareValue(text: string): CompValue {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (NUMBER.test(text)) return Number(text);
  return text;
}

/** Parses a filter (the `filter` query parameter, already URL-decoded). Throws only FilterSyntaxError. */
export function parseFilter(text: string): FilterNode {
  if (typeof text !== 'string') throw new FilterSyntaxError('filter', 0, 'expected a filter string');
  return new Parser(text, 'filter').parseWholeFilter();
}

/** Parses a PATCH operation path. Throws only FilterSyntaxError (with kind 'path'). */
export function parsePath(text: string): PathNode {
  if (typeof text !== 'string') throw new FilterSyntaxError('path', 0, 'expected a path string');
  return new Parser(text, 'path').parseWholePath();
}
