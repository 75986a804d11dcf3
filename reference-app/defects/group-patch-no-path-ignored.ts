import { pathOf, skipOperations } from './helpers.js';
import type { Defect } from './types.js';

export const groupPatchNoPathIgnored: Defect = {
  name: 'group-patch-no-path-ignored',
  requirements: ['GROUP-PATCH-REPLACE', 'OKTA-GROUP-RENAME'],
  description: 'Silently skips group PATCH operations without a path ({"op":"replace","value":{"displayName":…}}, as the validator sends them); operations with a path work.',
  install: () => ({
    patch: skipOperations('Group', (op) => pathOf(op) === undefined),
  }),
};
