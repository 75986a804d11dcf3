import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const statusAsNumber: Defect = {
  name: 'status-as-number',
  requirements: ['ERROR-FORMAT'],
  description: 'Writes the "status" of SCIM Error bodies as a JSON number (404) instead of a string ("404").',
  install: () => ({
    response: (res) => (res.status >= 400 && isObject(res.body) && typeof res.body.status === 'string'
      ? { ...res, body: { ...res.body, status: Number(res.body.status) } }
      : res),
  }),
};
