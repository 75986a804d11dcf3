import { isObject } from '../../core/filter/index.js';
import type { Defect } from './types.js';

const withoutMembers = (list: string): string => list.split(',').filter((a) => !/^\s*members\s*$/i.test(a)).join(',');

export const membersAlwaysReturned: Defect = {
  name: 'members-always-returned',
  requirements: ['GROUP-EXCLUDE-MEMBERS'],
  description: 'Ignores "members" in excludedAttributes on /Groups (get by id, queries and .search): every group comes with its full member list.',
  install: () => ({
    request: (req) => {
      if (req.resourceType !== 'Group') return req;
      const q = req.query.excludedAttributes;
      const query = q === undefined ? req.query : { ...req.query, excludedAttributes: withoutMembers(q) };
      const b = isObject(req.body) ? req.body.excludedAttributes : undefined;
      const body = isObject(req.body) && b !== undefined
        ? { ...req.body, excludedAttributes: Array.isArray(b) ? b.filter((a) => !/^members$/i.test(String(a))) : withoutMembers(String(b)) }
        : req.body;
      return { ...req, query, body };
    },
  }),
};
