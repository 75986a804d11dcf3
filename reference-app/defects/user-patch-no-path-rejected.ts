import { badRequest } from '../scim/scim-error.js';
import { operations, pathOf } from './helpers.js';
import type { Defect } from './types.js';

export const userPatchNoPathRejected: Defect = {
  name: 'user-patch-no-path-rejected',
  requirements: ['OKTA-USER-DEACTIVATE', 'OKTA-CRUD'],
  description: 'Answers a user PATCH operation without a path (Okta\'s {"op":"replace","value":{"active":false}}) with 400 invalidPath, like strict servers (Metatavu/keycloak-scim-server#97): Okta cannot deactivate anyone. Operations with a path work.',
  install: () => ({
    request: (req) => {
      if (req.method === 'PATCH' && req.resourceType === 'User' && req.body !== null && typeof req.body === 'object'
        && operations(req.body as Record<string, unknown>).some((op) => pathOf(op) === undefined)) {
        throw badRequest('invalidPath', 'Every PATCH operation needs a path.');
      }
      return req;
    },
  }),
};
