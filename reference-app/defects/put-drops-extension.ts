import { isObject } from '../../core/filter/index.js';
import { URN } from '../../core/urns.js';
import type { Defect } from './types.js';

export const putDropsExtension: Defect = {
  name: 'put-drops-extension',
  requirements: ['OKTA-PUT-KEEPS-ATTRIBUTES'],
  description: 'Ignores the enterprise extension (urn:…:enterprise:2.0:User) in a PUT /Users/{id} body, so every PUT round trip clears department, employeeNumber and the rest (POST and PATCH keep them; limosa-io/laravel-scim-server#36).',
  install: () => ({
    request: (req) => {
      if (req.method !== 'PUT' || req.resourceType !== 'User' || !isObject(req.body)) return req;
      const body = Object.fromEntries(Object.entries(req.body).filter(([k]) => k.toLowerCase() !== URN.EnterpriseUser.toLowerCase()));
      return { ...req, body };
    },
  }),
};
