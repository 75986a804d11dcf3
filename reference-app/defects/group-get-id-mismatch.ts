import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const groupGetIdMismatch: Defect = {
  name: 'group-get-id-mismatch',
  requirements: ['GROUP-GET'],
  description: 'GET /Groups/{id} answers the group with its id in upper case (a GUID formatting slip), so the id differs from the one POST returned.',
  install: () => ({
    response: (res, req) => (req.method === 'GET' && req.route === 'resource' && req.resourceType === 'Group' && res.status === 200 && isObject(res.body) && typeof res.body.id === 'string'
      ? { ...res, body: { ...res.body, id: res.body.id.toUpperCase() } }
      : res),
  }),
};
