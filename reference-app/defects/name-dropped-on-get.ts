import type { Defect } from './types.js';

export const nameDroppedOnGet: Defect = {
  name: 'name-dropped-on-get',
  requirements: ['OKTA-SPEC-GET-USER', 'OKTA-SPEC-GET-CREATED', 'OKTA-USER-UPDATE', 'OKTA-CRUD'],
  description: 'Answers GET /Users/{id} without the name attribute (the list and the write answers still carry it), so Okta\'s spec test and every read-back by id miss givenName and familyName.',
  install: () => ({
    response: (res, req) => {
      const body = res.body as Record<string, unknown> | undefined;
      if (req.method !== 'GET' || req.route !== 'resource' || req.resourceType !== 'User' || res.status !== 200 || !body) return res;
      const { name: _name, ...rest } = body;
      return { ...res, body: rest };
    },
  }),
};
