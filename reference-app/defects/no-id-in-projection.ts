import { mapResources } from './helpers.js';
import type { Defect } from './types.js';

export const noIdInProjection: Defect = {
  name: 'no-id-in-projection',
  requirements: ['RESOURCE-ID'],
  description: 'Returns only the attributes listed in attributes=…, so id (returned "always" per RFC 7643) is missing when it is not listed, as in Entra\'s ?attributes=userName queries.',
  install: () => ({
    response: (res, req) => {
      const src = req.route === 'search' && typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : req.query;
      const listed = src.attributes;
      if (listed === undefined || /(^|,)\s*id\s*(,|$)/i.test(Array.isArray(listed) ? listed.join(',') : String(listed))) return res;
      return mapResources(res, ({ id: _id, ...rest }) => rest);
    },
  }),
};
