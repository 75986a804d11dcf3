import { isObject } from '../../core/filter/index.js';
import { badRequest } from '../scim/scim-error.js';
import type { Defect } from './types.js';

export const groupEmptyMembersRejected: Defect = {
  name: 'group-empty-members-rejected',
  requirements: ['OKTA-GROUP-PUSH'],
  description: 'Answers POST /Groups whose members is an empty array (Okta\'s push: {schemas, displayName, members: []}) with 400 invalidValue; a group without the members key is created.',
  install: () => ({
    request: (req) => {
      const members = isObject(req.body) ? req.body.members : undefined;
      if (req.method === 'POST' && req.resourceType === 'Group' && Array.isArray(members) && members.length === 0) {
        throw badRequest('invalidValue', 'members must not be empty.');
      }
      return req;
    },
  }),
};
