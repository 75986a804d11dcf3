import { mapResources } from './helpers.js';
import type { Defect } from './types.js';

export const noMeta: Defect = {
  name: 'no-meta',
  requirements: ['RESOURCE-META'],
  description: 'Returns Users and Groups without their meta attribute (no resourceType, created, lastModified, location).',
  install: () => ({
    response: (res, req) => (req.resourceType !== undefined || req.route === 'search' ? mapResources(res, ({ meta: _meta, ...rest }) => rest) : res),
  }),
};
