import { pathOf, skipOperations } from './helpers.js';
import type { Defect } from './types.js';

export const patchFilteredPathIgnored: Defect = {
  name: 'patch-filtered-path-ignored',
  requirements: ['USER-PATCH-MULTIVALUED', 'CYCLE-INCREMENTAL'],
  description: 'Silently skips user PATCH operations whose path has a value filter (emails[type eq "work"].value, addresses[type eq "work"].postalCode).',
  install: () => ({
    patch: skipOperations('User', (op) => (pathOf(op) ?? '').includes('[')),
  }),
};
