import type { Defect } from './types.js';

export const groupDeleteNoop: Defect = {
  name: 'group-delete-noop',
  requirements: ['GROUP-DELETE'],
  description: 'DELETE /Groups/{id} answers 204 but deletes nothing: GET still returns the group.',
  install: () => ({ deleteMode: (mode, ctx) => (ctx.type === 'Group' ? 'none' : mode) }),
};
