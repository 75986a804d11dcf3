import { equalityHint, filterListResources, isQuery } from './helpers.js';
import type { Defect } from './types.js';

/** The "provisioned users" link table of this server only knows users that arrived with an externalId. */
const linked = (r: Record<string, unknown>): boolean => typeof r.externalId === 'string' && r.externalId !== '';

export const duplicateOnMatch: Defect = {
  name: 'duplicate-on-match',
  requirements: ['CYCLE-MATCH-EXISTING'],
  description: 'Matches and enforces userName uniqueness only among users that carry an externalId (users provisioned by an IdP): a user created in the app itself, without externalId, is not found by userName eq and a POST with its userName creates a duplicate.',
  install: () => ({
    response: (res, req) => {
      const hint = req.resourceType === 'User' && isQuery(req) ? equalityHint(req) : undefined;
      return hint?.attr === 'userName' ? filterListResources(res, linked) : res;
    },
    conflict: (c, ctx) => (ctx.type === 'User' && !linked(ctx.existing) ? false : c),
  }),
};
