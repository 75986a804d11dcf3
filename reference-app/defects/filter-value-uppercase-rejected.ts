import { errorReply } from '../resources/fail.js';
import { equalityHint, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const filterValueUppercaseRejected: Defect = {
  name: 'filter-value-uppercase-rejected',
  requirements: ['OKTA-SPEC-FILTER-UPPERCASE', 'OKTA-FILTER-USERNAME-CASE'],
  description: 'Validates a userName eq filter value as a lower-case login and answers one with capital letters ("ANN@X.ORG") with 400 invalidFilter, which fails step 9 of Okta\'s spec test.',
  install: () => ({
    response: (res, req) => {
      const hint = req.resourceType === 'User' && isQuery(req) ? equalityHint(req) : undefined;
      return res.status === 200 && hint?.attr === 'userName' && typeof hint.value === 'string' && hint.value !== hint.value.toLowerCase()
        ? errorReply(400, 'userName must be lower case.', 'invalidFilter')
        : res;
    },
  }),
};
