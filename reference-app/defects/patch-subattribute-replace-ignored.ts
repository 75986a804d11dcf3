import { opName, pathOf, skipOperations } from './helpers.js';
import type { Defect } from './types.js';

const SUB_PATH = /^[A-Za-z][\w$-]*\.[A-Za-z][\w$-]*$/;

export const patchSubattributeReplaceIgnored: Defect = {
  name: 'patch-subattribute-replace-ignored',
  requirements: ['USER-PATCH-REPLACE', 'CYCLE-INCREMENTAL'],
  description: 'Silently skips a user PATCH Replace whose path names a sub-attribute (name.givenName, name.familyName) and answers as if it had applied it.',
  install: () => ({
    patch: skipOperations('User', (op) => opName(op).toLowerCase() === 'replace' && SUB_PATH.test(pathOf(op) ?? '')),
  }),
};
