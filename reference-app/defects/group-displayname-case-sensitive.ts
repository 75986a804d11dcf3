import { equalityHint, filterListResources, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const groupDisplayNameCaseSensitive: Defect = {
  name: 'group-displayname-case-sensitive',
  requirements: ['GROUP-FILTER-DISPLAYNAME'],
  description: 'Matches group displayName eq case-sensitively: "sales" does not find "Sales" (uniqueness on create stays case-insensitive).',
  install: () => ({
    response: (res, req) => {
      const hint = req.resourceType === 'Group' && isQuery(req) ? equalityHint(req) : undefined;
      return hint?.attr === 'displayName' ? filterListResources(res, (r) => r.displayName === hint.value) : res;
    },
  }),
};
