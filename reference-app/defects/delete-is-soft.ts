import type { Defect } from './types.js';

export const deleteIsSoft: Defect = {
  name: 'delete-is-soft',
  // CYCLE-DEPROVISION: a user hard-deleted in the directory is still there afterwards, only inactive
  requirements: ['USER-DELETE', 'USER-DELETE-UNKNOWN', 'CYCLE-DEPROVISION'],
  description: 'DELETE /Users/{id} answers 204 but only sets active=false: the user is still returned by GET and filters, and a second DELETE answers 204 again.',
  install: () => ({ deleteMode: (mode, ctx) => (ctx.type === 'User' ? 'soft' : mode) }),
};
