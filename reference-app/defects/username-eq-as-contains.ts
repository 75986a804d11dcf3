import { filterText, isQuery, withFilter } from './helpers.js';
import type { Defect } from './types.js';

export const usernameEqAsContains: Defect = {
  name: 'username-eq-as-contains',
  requirements: ['USER-FILTER-USERNAME'],
  description: 'Evaluates userName eq "x" as userName co "x" (a LIKE \'%x%\' query): "ann@x.org" also finds "joann@x.org" and "ann@x.org.uk". A no-match probe still finds nothing.',
  install: () => ({
    request: (req) => {
      const f = req.resourceType === 'User' && isQuery(req) ? filterText(req) : undefined;
      return f === undefined ? req : withFilter(req, f.replace(/\buserName(\s+)eq(\s)/gi, 'userName$1co$2'));
    },
  }),
};
