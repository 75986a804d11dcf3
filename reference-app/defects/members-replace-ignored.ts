import { opName, pathOf, skipOperations } from './helpers.js';
import type { Defect } from './types.js';

export const membersReplaceIgnored: Defect = {
  name: 'members-replace-ignored',
  requirements: ['GROUP-MEMBER-ADD'],
  description: 'Silently skips a group PATCH Replace on path "members" (the validator sets several members that way); Add still works.',
  install: () => ({
    patch: skipOperations('Group', (op) => opName(op).toLowerCase() === 'replace' && /^members$/i.test(pathOf(op) ?? '')),
  }),
};
