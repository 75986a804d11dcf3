import { fail } from '../resources/fail.js';
import { opName, operations } from './helpers.js';
import type { Defect } from './types.js';

const KNOWN = new Set(['add', 'replace', 'remove', 'Add', 'Replace', 'Remove']);

export const opCaseSensitive: Defect = {
  name: 'op-case-sensitive',
  requirements: ['PATCH-OP-CASE'],
  description: 'Knows only the two spellings Entra sends ("add" and "Add", …): any other letter case such as "ADD" or "rePlace" gets 400 invalidSyntax.',
  install: () => ({
    patch: (body) => {
      const bad = operations(body).map(opName).find((op) => !KNOWN.has(op));
      if (bad !== undefined) throw fail(400, `Unknown PATCH op "${bad}".`, 'invalidSyntax');
      return body;
    },
  }),
};
