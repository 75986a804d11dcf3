import type { Defect } from './types.js';

export const deleteUnknown204: Defect = {
  name: 'delete-unknown-204',
  requirements: ['USER-DELETE-UNKNOWN'],
  description: 'DELETE /Users/{id} of an unknown or already deleted id answers 204 instead of 404.',
  install: () => ({
    response: (res, req) => (req.method === 'DELETE' && req.resourceType === 'User' && res.status === 404 ? { status: 204, headers: {} } : res),
  }),
};
