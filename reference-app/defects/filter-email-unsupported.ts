import { fail } from '../resources/fail.js';
import { filterAttributes, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const filterEmailUnsupported: Defect = {
  name: 'filter-email-unsupported',
  requirements: ['USER-FILTER-EMAIL'],
  description: 'Answers a /Users filter on emails (emails[type eq "work"].value eq …) with 400 invalidFilter.',
  install: () => ({
    request: (req) => {
      if (req.resourceType === 'User' && isQuery(req) && filterAttributes(req).includes('emails')) throw fail(400, 'Filtering on emails is not supported.', 'invalidFilter');
      return req;
    },
  }),
};
