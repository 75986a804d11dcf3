import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

export const spcIncomplete: Defect = {
  name: 'spc-incomplete',
  requirements: ['DISC-SPC'],
  description: 'Serves a placeholder /ServiceProviderConfig: patch.supported false and no authenticationSchemes, although PATCH and bearer tokens work.',
  install: () => ({
    response: (res, req) => {
      if (req.route !== 'serviceProviderConfig' || res.status !== 200 || !isObject(res.body)) return res;
      const { authenticationSchemes: _a, ...rest } = res.body;
      return { ...res, body: { ...rest, patch: { supported: false } } };
    },
  }),
};
