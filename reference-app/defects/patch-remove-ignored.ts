import { opName, skipOperations } from './helpers.js';
import type { Defect } from './types.js';

export const patchRemoveIgnored: Defect = {
  name: 'patch-remove-ignored',
  requirements: ['USER-PATCH-REMOVE', 'USER-MANAGER'],
  description: 'Silently skips user PATCH Remove operations (the attribute stays), answering as if they had been applied.',
  install: () => ({
    patch: skipOperations('User', (op) => opName(op).toLowerCase() === 'remove'),
  }),
};
