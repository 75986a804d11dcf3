import type { Defect } from './types.js';

export const deleteIsSoft: Defect = {
  name: 'delete-is-soft',
  requirements: ['USER-DELETE', 'USER-DELETE-UNKNOWN'],
  description: 'DELETE /Users/{id} answers 204 but only sets active=false: the user is still returned by GET and filters, and a second DELETE answers 204 again.',
  install: () => ({ deleteMode: (mode, ctx) => (ctx.type === 'User' ? 'soft' : mode) }),
};
