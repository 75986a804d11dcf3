import { filterAttributes, filterListResources, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const filterExternalIdUnsupported: Defect = {
  name: 'filter-externalid-unsupported',
  requirements: ['USER-FILTER-EXTERNALID', 'FILTER-AND'],
  description: 'A /Users filter that reads externalId finds nothing (200, totalResults 0), as if the attribute were not indexed.',
  install: () => ({
    response: (res, req) => (req.resourceType === 'User' && isQuery(req) && filterAttributes(req).includes('externalid')
      ? filterListResources(res, () => false)
      : res),
  }),
};
