import { equalityHint, filterListResources, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const usernameCaseSensitive: Defect = {
  name: 'username-case-sensitive',
  requirements: ['USER-FILTER-USERNAME-CASE', 'OKTA-FILTER-USERNAME-CASE'],
  description: 'Matches userName eq case-sensitively: "ANN@X.ORG" does not find "ann@x.org" (uniqueness on create stays case-insensitive).',
  install: () => ({
    response: (res, req) => {
      const hint = req.resourceType === 'User' && isQuery(req) ? equalityHint(req) : undefined;
      return hint?.attr === 'userName' ? filterListResources(res, (r) => r.userName === hint.value) : res;
    },
  }),
};
