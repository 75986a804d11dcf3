import { findKey, isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const putSetsActive: Defect = {
  name: 'put-sets-active',
  requirements: ['OKTA-USER-DEACTIVATE', 'OKTA-CRUD'],
  oktaVariant: { userUpdates: 'put', mode: 'aiw' },
  description: 'Ignores `active` in a PUT /Users/{id} body and leaves the user active, like servers that change the status only by PATCH: an App Integration Wizard app, which deactivates by PUT, cannot deactivate anyone. OIN apps (path-less PATCH of active) are unaffected.',
  install: () => ({
    request: (req) => {
      if (req.method !== 'PUT' || req.resourceType !== 'User' || !isObject(req.body)) return req;
      const key = findKey(req.body, 'active') ?? 'active';
      return { ...req, body: { ...req.body, [key]: true } };
    },
  }),
};
