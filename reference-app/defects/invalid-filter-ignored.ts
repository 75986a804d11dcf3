import { parseFilter } from '../../core/filter/index.js';
import { filterText, isQuery, withFilter } from './helpers.js';
import type { Defect } from './types.js';

function parses(f: string): boolean {
  try {
    parseFilter(f);
    return true;
  } catch {
    return false;
  }
}

export const invalidFilterIgnored: Defect = {
  name: 'invalid-filter-ignored',
  requirements: ['FILTER-INVALID'],
  description: 'Ignores a filter it cannot parse and answers 200 with the unfiltered list instead of 400 invalidFilter.',
  install: () => ({
    request: (req) => {
      const f = isQuery(req) ? filterText(req) : undefined;
      return f !== undefined && !parses(f) ? withFilter(req, undefined) : req;
    },
  }),
};
