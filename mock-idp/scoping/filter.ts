/**
 * Attribute-based scoping filters (docs/entra-behaviour.md §4.3, define-conditional-rules…md): clauses `attribute OPERATOR
 * value` AND-ed within a filter, filters OR-ed; a null or empty attribute makes a clause false (IS NULL aside);
 * multi-valued attributes are not supported. Parsed and compiled once; errors name filter, clause and position.
 */
import { HarnessError } from '../../core/errors.js';
import { toBoolean } from '../../core/filter/index.js';

export const OPERATORS = [
  '&', '!&', 'ENDS_WITH', 'EQUALS', 'Greater_Than', 'Greater_Than_OR_EQUALS', 'Includes',
  'IS FALSE', 'IS NOT NULL', 'IS NULL', 'IS TRUE', 'NOT EQUALS', 'NOT REGEX MATCH', 'REGEX MATCH',
] as const;
export type Operator = (typeof OPERATORS)[number];
const UNARY = new Set<Operator>(['IS FALSE', 'IS NOT NULL', 'IS NULL', 'IS TRUE']);
// Longest first so `Greater_Than_OR_EQUALS` wins over `Greater_Than`, `NOT REGEX MATCH` over `NOT EQUALS`.
const BY_LENGTH = [...OPERATORS].sort((a, b) => b.length - a.length);

export interface Clause {
  attribute: string;
  operator: Operator;
  value?: string;
}
/** A clause as written in the mappings file: `"department EQUALS Sales"` or an object. */
export type ClauseInput = string | { attribute: string; operator: string; value?: string | number };

export class ScopingFilterError extends HarnessError {
  constructor(message: string) {
    super('HARNESS_CONFIG', message);
  }
}

/** The value a clause reads: a string, a multi-valued list, or null. */
export type ScopeValue = string | null | readonly string[] | Date;
type Test = (v: string) => boolean;
export interface CompiledClause extends Clause {
  test: (get: (name: string) => ScopeValue) => boolean;
}
export type CompiledFilters = CompiledClause[][];

function findOperator(rest: string): Operator | undefined {
  const upper = rest.toUpperCase();
  return BY_LENGTH.find((op) => upper.startsWith(op.toUpperCase()) && (rest.length === op.length || rest[op.length] === ' '));
}

/** Parses `attribute OPERATOR value`; `where` names the clause in errors; positions are 1-based. */
export function parseClause(text: string, where: string): Clause {
  const m = /^(\s*)(\S+)(\s+)/.exec(text);
  if (!m) throw new ScopingFilterError(`${where}: expected "attribute OPERATOR value" in ${JSON.stringify(text)}`);
  const attribute = m[2] as string;
  const opStart = m[0].length;
  const operator = findOperator(text.slice(opStart));
  if (!operator) {
    const word = /^\S+(?: \S+)?/.exec(text.slice(opStart))?.[0] ?? '';
    throw new ScopingFilterError(`${where}: unknown operator ${JSON.stringify(word)} at position ${opStart + 1} in ${JSON.stringify(text)}; expected one of ${OPERATORS.join(', ')}`);
  }
  const valueStart = opStart + operator.length + 1;
  let value = text.slice(valueStart).trim();
  if (UNARY.has(operator)) {
    if (value) throw new ScopingFilterError(`${where}: ${operator} takes no value, found ${JSON.stringify(value)} at position ${valueStart + 1} in ${JSON.stringify(text)}`);
    return { attribute, operator };
  }
  if (/^".*"$/.test(value)) value = value.slice(1, -1);
  return { attribute, operator, value };
}

function compileTest(c: Clause, where: string, position: string): Test {
  const v = c.value ?? '';
  switch (c.operator) {
    case '&': return (a) => v.includes(a);
    case '!&': return (a) => !v.includes(a);
    case 'ENDS_WITH': return (a) => a.endsWith(v);
    case 'EQUALS': return (a) => a === v;
    case 'NOT EQUALS': return (a) => a !== v;
    case 'Includes': return (a) => a.includes(v);
    case 'IS TRUE': return (a) => toBoolean(a) === true;
    case 'IS FALSE': return (a) => toBoolean(a) === false;
    case 'IS NOT NULL': return () => true;
    case 'IS NULL': return () => false;
    case 'Greater_Than':
    case 'Greater_Than_OR_EQUALS': {
      if (!/^-?\d+$/.test(v)) throw new ScopingFilterError(`${where}: ${c.operator} needs an integer value, found ${JSON.stringify(v)}${position}`);
      const n = Number(v);
      const gt = c.operator === 'Greater_Than';
      return (a) => /^-?\d+$/.test(a) && (gt ? Number(a) > n : Number(a) >= n);
    }
    case 'REGEX MATCH':
    case 'NOT REGEX MATCH': {
      let re: RegExp;
      try {
        re = new RegExp(v);
      } catch (err) {
        throw new ScopingFilterError(`${where}: invalid regular expression ${JSON.stringify(v)}${position}: ${(err as Error).message}`);
      }
      const negate = c.operator === 'NOT REGEX MATCH';
      return (a) => re.test(a) !== negate;
    }
  }
}

export function compileClause(input: ClauseInput, where: string): CompiledClause {
  let clause: Clause;
  let position = '';
  if (typeof input === 'string') {
    clause = parseClause(input, where);
    const at = input.indexOf(clause.value ?? '\u0000', input.toUpperCase().indexOf(clause.operator.toUpperCase()) + clause.operator.length);
    if (clause.value !== undefined && at >= 0) position = ` at position ${at + 1} in ${JSON.stringify(input)}`;
  } else {
    const operator = OPERATORS.find((o) => o.toUpperCase() === String(input.operator ?? '').toUpperCase());
    if (!input.attribute || typeof input.attribute !== 'string') throw new ScopingFilterError(`${where}: "attribute" must be a non-empty string`);
    if (!operator) throw new ScopingFilterError(`${where}: unknown operator ${JSON.stringify(input.operator)}; expected one of ${OPERATORS.join(', ')}`);
    clause = { attribute: input.attribute, operator, ...(input.value !== undefined && !UNARY.has(operator) ? { value: String(input.value) } : {}) };
  }
  const test = compileTest(clause, where, position);
  const { attribute, operator } = clause;
  return {
    ...clause,
    test: (get) => {
      const a = get(attribute);
      // Multi-valued attributes are not supported by Entra's scoping filters; null/empty ⇒ false.
      if (a === null || a === '' || typeof a !== 'string') return operator === 'IS NULL' && (a === null || a === '');
      return test(a);
    },
  };
}

/** filters: OR of ANDs. `where` prefixes errors, e.g. `mappings.json user.scopingFilters`. */
export function compileFilters(filters: ReadonlyArray<ReadonlyArray<ClauseInput>>, where: string): CompiledFilters {
  if (!Array.isArray(filters)) throw new ScopingFilterError(`${where}: expected an array of filters, each an array of clauses`);
  return filters.map((f, i) => {
    if (!Array.isArray(f) || f.length === 0) throw new ScopingFilterError(`${where}[${i}]: a filter is a non-empty array of clauses`);
    return f.map((c, j) => compileClause(c, `${where}[${i}][${j}] (filter ${i + 1}, clause ${j + 1})`));
  });
}

/** True when no filter is configured or when every clause of some filter holds. */
export function passesFilters(filters: CompiledFilters, get: (name: string) => ScopeValue): boolean {
  if (filters.length === 0) return true;
  return filters.some((f) => f.every((c) => c.test(get)));
}
