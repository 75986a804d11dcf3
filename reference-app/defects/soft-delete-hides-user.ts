import { isObject } from '../../core/filter/index.js';
import { errorReply } from '../resources/fail.js';
import { filterListResources, isQuery } from './helpers.js';
import type { Defect } from './types.js';

const inactive = (r: Record<string, unknown>): boolean => r.active === false;

export const softDeleteHidesUser: Defect = {
  name: 'soft-delete-hides-user',
  requirements: ['USER-DEACTIVATE', 'CYCLE-DEPROVISION', 'CYCLE-RESTORE'],
  description: 'Treats active=false as a delete: GET /Users/{id} of an inactive user answers 404 and queries leave it out (the data is kept, so active=true brings it back).',
  install: () => ({
    response: (res, req) => {
      if (req.resourceType !== 'User') return res;
      if (req.method === 'GET' && req.route === 'resource' && res.status === 200 && isObject(res.body) && inactive(res.body)) {
        return errorReply(404, `User ${req.id} not found.`);
      }
      return isQuery(req) ? filterListResources(res, (r) => !inactive(r)) : res;
    },
  }),
};
