import { URN } from '../../core/urns.js';
import type { Defect } from './types.js';

export const unknownUser200: Defect = {
  name: 'unknown-user-200',
  requirements: ['USER-GET-UNKNOWN', 'OKTA-SPEC-GET-UNKNOWN', 'OKTA-SPEC-GET-FIXED-UNKNOWN'],
  description: 'GET /Users/{id} of an id that never existed answers 200 with an empty User ({"schemas":[…User]}) instead of 404; ids it deleted still get 404.',
  install: () => {
    const deleted = new Set<string>();
    return {
      response: (res, req) => {
        if (req.resourceType !== 'User' || req.route !== 'resource' || req.id === undefined) return res;
        if (req.method === 'DELETE' && res.status === 204) deleted.add(req.id);
        if (req.method === 'GET' && res.status === 404 && !deleted.has(req.id)) return { status: 200, headers: {}, body: { schemas: [URN.User] } };
        return res;
      },
    };
  },
};
