import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const putDropsName: Defect = {
  name: 'put-drops-name',
  requirements: ['OKTA-USER-UPDATE', 'OKTA-CRUD'],
  description: 'Reads only flat attributes from a PUT /Users/{id} body and ignores the complex name, so a PUT replaces the user without it: Okta\'s givenName or familyName change clears the name instead.',
  install: () => ({
    request: (req) => {
      if (req.method !== 'PUT' || req.resourceType !== 'User' || !isObject(req.body)) return req;
      const { name: _name, ...rest } = req.body;
      return { ...req, body: rest };
    },
  }),
};
