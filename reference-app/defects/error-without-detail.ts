import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const errorWithoutDetail: Defect = {
  name: 'error-without-detail',
  requirements: ['ERROR-FORMAT'],
  description: 'Answers errors with the SCIM Error schema and status but no "detail", so neither Entra\'s provisioning logs nor the vendor\'s support can tell what went wrong.',
  install: () => ({
    response: (res) => (res.status >= 400 && isObject(res.body) && 'detail' in res.body
      ? { ...res, body: Object.fromEntries(Object.entries(res.body).filter(([k]) => k !== 'detail')) }
      : res),
  }),
};
