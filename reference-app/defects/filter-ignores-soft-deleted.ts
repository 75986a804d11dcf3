import { filterListResources, filterText, isQuery } from './helpers.js';
import type { Defect } from './types.js';

export const filterIgnoresSoftDeleted: Defect = {
  name: 'filter-ignores-soft-deleted',
  requirements: ['USER-DEACTIVATE', 'CYCLE-RESTORE'],
  description: 'Filtered /Users queries leave out inactive users (GET by id still shows them with active: false), so Entra cannot match a disabled user when it is reassigned and tries to create a duplicate.',
  install: () => ({
    response: (res, req) => (req.resourceType === 'User' && isQuery(req) && filterText(req) !== undefined
      ? filterListResources(res, (r) => r.active !== false)
      : res),
  }),
};
