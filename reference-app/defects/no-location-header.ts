import type { Defect } from './types.js';

export const noLocationHeader: Defect = {
  name: 'no-location-header',
  requirements: ['LOCATION-HEADER'],
  description: 'Answers 201 Created without a Location header (meta.location is still in the body).',
  install: () => ({
    response: (res) => {
      if (res.status !== 201) return res;
      const { location: _l, ...headers } = res.headers;
      return { ...res, headers };
    },
  }),
};
