import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const schemasBareArray: Defect = {
  name: 'schemas-bare-array',
  requirements: ['DISC-SCHEMAS'],
  description: 'Serves GET /Schemas as a bare JSON array of schema definitions instead of a ListResponse.',
  install: () => ({
    response: (res, req) => (req.route === 'schemas' && res.status === 200 && isObject(res.body) ? { ...res, body: res.body.Resources } : res),
  }),
};
