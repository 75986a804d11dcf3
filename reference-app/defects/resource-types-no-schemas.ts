import { isObject } from '../../core/filter/index.js';
import { mapResources } from './helpers.js';
import type { Defect } from './types.js';

export const resourceTypesNoSchemas: Defect = {
  name: 'resource-types-no-schemas',
  requirements: ['DISC-RESOURCETYPES'],
  description: 'Serves /ResourceTypes entries without schema and schemaExtensions, so a client cannot learn the User schema or that the enterprise extension exists.',
  install: () => ({
    response: (res, req) => (req.route === 'resourceTypes' || req.route === 'resourceType'
      ? mapResources(res, (r) => (isObject(r) ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'schema' && k !== 'schemaExtensions')) : r))
      : res),
  }),
};
