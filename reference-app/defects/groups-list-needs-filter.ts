import { errorReply } from '../resources/fail.js';
import { filterText, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const groupsListNeedsFilter: Defect = {
  name: 'groups-list-needs-filter',
  requirements: ['OKTA-SPEC-GROUPS', 'OKTA-TEST-CREDENTIALS'],
  description: 'Answers a /Groups query without a filter with 400 invalidFilter (only lookups by displayName are implemented), so Okta\'s group lists fail: Test API Credentials, the import, the spec test\'s Groups step (jelhub/scimgateway#26). Entra, which only looks groups up, is unaffected.',
  install: () => ({
    response: (res, req) => (res.status === 200 && req.resourceType === 'Group' && isQuery(req) && filterText(req) === undefined
      ? errorReply(400, 'A filter is required on /Groups.', 'invalidFilter')
      : res),
  }),
};
