import { isObject } from '../../core/filter/index.js';
import { DEFAULTS } from '../options.js';
import { isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const itemsPerPageWrong: Defect = {
  name: 'items-per-page-wrong',
  requirements: ['LIST-RESPONSE'],
  description: 'Sets a ListResponse\'s itemsPerPage to the page size asked for (count, or the server maximum), not to the number of resources returned, like the Microsoft doc examples ("itemsPerPage": 20 with one result).',
  install: () => ({
    response: (res, req) => {
      if (!isQuery(req) || res.status !== 200 || !isObject(res.body)) return res;
      const src = req.route === 'search' && isObject(req.body) ? req.body : req.query;
      const asked = Number(src.count);
      return { ...res, body: { ...res.body, itemsPerPage: Number.isInteger(asked) && asked > 0 ? asked : DEFAULTS.maxResults } };
    },
  }),
};
