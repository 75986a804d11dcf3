import type { Defect } from './types.js';

export const groupDeleteNoop: Defect = {
  name: 'group-delete-noop',
  // GROUP-DELETE-UNKNOWN: a second DELETE of the "deleted" group answers 204 again
  requirements: ['GROUP-DELETE', 'GROUP-DELETE-UNKNOWN'],
  description: 'DELETE /Groups/{id} answers 204 but deletes nothing: GET still returns the group.',
  install: () => ({ deleteMode: (mode, ctx) => (ctx.type === 'Group' ? 'none' : mode) }),
};
