import { fail } from '../resources/fail.js';
import { filterAttributes, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const membersFilterUnsupported: Defect = {
  name: 'members-filter-unsupported',
  requirements: ['GROUP-MEMBER-QUERY'],
  description: 'Answers a /Groups filter on members (members.value eq "id", id eq X and members.value eq Y) with 400 invalidFilter.',
  install: () => ({
    request: (req) => {
      if (req.resourceType === 'Group' && isQuery(req) && filterAttributes(req).includes('members')) throw fail(400, 'Filtering on members is not supported.', 'invalidFilter');
      return req;
    },
  }),
};
