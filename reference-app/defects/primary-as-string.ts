import { isObject } from '../../core/filter/index.js';
import { mapResources } from './helpers.js';
import type { Defect } from './types.js';

const MULTI = ['emails', 'phoneNumbers', 'addresses', 'roles', 'ims', 'photos', 'entitlements', 'x509Certificates'];

export const primaryAsString: Defect = {
  name: 'primary-as-string',
  requirements: ['RESOURCE-SCHEMA', 'USER-CREATE', 'USER-GET'],
  description: 'Returns the primary flags of multi-valued user attributes as the strings "true"/"false" instead of JSON booleans.',
  install: () => ({
    response: (res, req) => (req.resourceType === 'User' || req.route === 'search'
      ? mapResources(res, (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, MULTI.includes(k) && Array.isArray(v)
        ? v.map((e: unknown) => (isObject(e) && typeof e.primary === 'boolean' ? { ...e, primary: String(e.primary) } : e))
        : v])))
      : res),
  }),
};
