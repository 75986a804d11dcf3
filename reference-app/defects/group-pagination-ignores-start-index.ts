import { isObject } from '../../core/filter/index.js';
import { isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const groupPaginationIgnoresStartIndex: Defect = {
  name: 'group-pagination-ignores-start-index',
  requirements: ['LIST-GROUP-PAGINATION'],
  description: 'Ignores startIndex on /Groups queries: every page is the first page (count still applies). /Users pages correctly.',
  install: () => ({
    request: (req) => {
      if (req.resourceType !== 'Group' || !isQuery(req)) return req;
      const { startIndex: _q, ...query } = req.query;
      if (!isObject(req.body)) return { ...req, query };
      const { startIndex: _b, ...body } = req.body;
      return { ...req, query, body };
    },
  }),
};
