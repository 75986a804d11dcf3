import type { Defect } from './types.js';

export const groupPostReturns200: Defect = {
  name: 'group-post-returns-200',
  requirements: ['GROUP-CREATE'],
  description: 'Answers a successful POST /Groups with 200 OK instead of 201 Created (body and Location unchanged).',
  install: () => ({
    response: (res, req) => (req.method === 'POST' && req.route === 'collection' && req.resourceType === 'Group' && res.status === 201 ? { ...res, status: 200 } : res),
  }),
};
