import { URN } from '../../core/urns.js';
import { errorReply } from '../resources/fail.js';
import { filterText, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const emptyFilter404: Defect = {
  name: 'empty-filter-404',
  // Entra matches before every create and reads back after deletes, so a 404 on "no match" stops every cycle
  requirements: [
    'FILTER-NO-MATCH', 'CONN-TEST', 'FILTER-AND', 'USER-DELETE',
    'CYCLE-INITIAL', 'CYCLE-INCREMENTAL', 'CYCLE-DEPROVISION', 'CYCLE-RESTORE', 'CYCLE-MATCH-EXISTING', 'CYCLE-ON-DEMAND',
  ],
  description: 'Answers a filtered query that matches nothing with 404 Not Found instead of 200 and an empty ListResponse (Entra quarantines such endpoints).',
  install: () => ({
    response: (res, req) => {
      const body = res.body as { schemas?: unknown; totalResults?: unknown } | undefined;
      const empty = res.status === 200 && Array.isArray(body?.schemas) && body.schemas.includes(URN.ListResponse) && body.totalResults === 0;
      return isQuery(req) && filterText(req) !== undefined && empty ? errorReply(404, 'No resource matches the filter.') : res;
    },
  }),
};
