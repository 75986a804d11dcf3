import { URN } from '../../core/urns.js';
import { errorReply } from '../http/scim-reply.js';
import { filterText, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const emptyFilter404: Defect = {
  name: 'empty-filter-404',
  requirements: ['FILTER-NO-MATCH', 'CONN-TEST'],
  description: 'Answers a filtered query that matches nothing with 404 Not Found instead of 200 and an empty ListResponse (Entra quarantines such endpoints).',
  install: () => ({
    response: (res, req) => {
      const body = res.body as { schemas?: unknown; totalResults?: unknown } | undefined;
      const empty = res.status === 200 && Array.isArray(body?.schemas) && body.schemas.includes(URN.ListResponse) && body.totalResults === 0;
      return isQuery(req) && filterText(req) !== undefined && empty ? errorReply(404, 'No resource matches the filter.') : res;
    },
  }),
};
