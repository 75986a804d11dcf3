import type { Defect } from './types.js';

export const postReturns200: Defect = {
  name: 'post-returns-200',
  requirements: ['USER-CREATE', 'LOCATION-HEADER', 'OKTA-SPEC-CREATE'],
  description: 'Answers a successful POST /Users with 200 OK instead of 201 Created (body and Location unchanged).',
  install: () => ({
    response: (res, req) => (req.method === 'POST' && req.route === 'collection' && req.resourceType === 'User' && res.status === 201 ? { ...res, status: 200 } : res),
  }),
};
