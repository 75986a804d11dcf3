import { isObject } from '../../core/filter/index.js';
import { isQuery } from './helpers.js';
import type { Defect } from './types.js';

const shift = (v: unknown): string => String(Number(v) + 1);

export const paginationZeroBased: Defect = {
  name: 'pagination-zero-based',
  requirements: ['LIST-PAGINATION', 'LIST-GROUP-PAGINATION'],
  description: 'Reads startIndex as a 0-based offset: startIndex=1 skips the first resource, so paging from 1 never returns it (queries without startIndex are unaffected).',
  install: () => ({
    request: (req) => {
      if (!isQuery(req)) return req;
      if (req.route === 'search' && isObject(req.body) && req.body.startIndex !== undefined) {
        return { ...req, body: { ...req.body, startIndex: Number(shift(req.body.startIndex)) } };
      }
      return req.query.startIndex !== undefined && /^\d+$/.test(req.query.startIndex)
        ? { ...req, query: { ...req.query, startIndex: shift(req.query.startIndex) } }
        : req;
    },
  }),
};
