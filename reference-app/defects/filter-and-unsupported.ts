import { parseFilter, type FilterNode } from '../../core/filter/index.js';
import { fail } from '../resources/fail.js';
import { filterText, isQuery } from './helpers.js';
import type { Defect } from './types.js';

function hasAnd(n: FilterNode): boolean {
  if (n.op === 'and') return true;
  if (n.op === 'or') return hasAnd(n.left) || hasAnd(n.right);
  if (n.op === 'not') return hasAnd(n.filter);
  // inside brackets stays allowed: emails[type eq "work"].value eq "x" parses as a valuePath with an and
  return false;
}

function usesAnd(f: string): boolean {
  try {
    return hasAnd(parseFilter(f));
  } catch {
    return false;
  }
}

export const filterAndUnsupported: Defect = {
  name: 'filter-and-unsupported',
  requirements: ['FILTER-AND', 'GROUP-MEMBER-QUERY'],
  description: 'Answers any filter that combines comparisons with "and" with 400 invalidFilter (also Entra\'s "id eq X and members.value eq Y" reference check).',
  install: () => ({
    request: (req) => {
      const f = isQuery(req) ? filterText(req) : undefined;
      if (f !== undefined && usesAnd(f)) throw fail(400, 'Only one comparison per filter is supported.', 'invalidFilter');
      return req;
    },
  }),
};
