import { opName, pathOf, skipOperations } from './helpers.js';
import type { Defect } from './types.js';

export const memberFilterRemoveIgnored: Defect = {
  name: 'member-filter-remove-ignored',
  // Entra's aadOptscim062020 dialect removes members this way, so its incremental cycles break too
  requirements: ['GROUP-MEMBER-REMOVE', 'CYCLE-INCREMENTAL', 'OKTA-GROUP-MEMBERS'],
  description: 'Silently skips a group PATCH Remove addressed by a value filter (path members[value eq "id"], the RFC 7644 §3.5.2.2 form the validator sends); the value-list form still works.',
  install: () => ({
    patch: skipOperations('Group', (op) => opName(op).toLowerCase() === 'remove' && /^members\s*\[/i.test(pathOf(op) ?? '')),
  }),
};
