import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const rolesDroppedOnCreate: Defect = {
  name: 'roles-dropped-on-create',
  requirements: ['USER-ROLES'],
  description: 'Accepts POST /Users with roles but stores none of them (roles declared in /Schemas, silently discarded on create), so Entra\'s app-role assignments never arrive.',
  install: () => ({
    request: (req) => {
      if (!(req.method === 'POST' && req.route === 'collection' && req.resourceType === 'User' && isObject(req.body) && 'roles' in req.body)) return req;
      const { roles: _dropped, ...body } = req.body;
      return { ...req, body };
    },
  }),
};
