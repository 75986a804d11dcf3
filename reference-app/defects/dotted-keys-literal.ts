import { isObject } from '../../core/filter/index.js';
import { opName, operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

export const dottedKeysLiteral: Defect = {
  name: 'dotted-keys-literal',
  requirements: ['USER-PATCH-NO-PATH', 'CYCLE-INCREMENTAL'],
  description: 'Reads the keys of a path-less user replace/add literally: "name.givenName" is taken as an attribute named "name.givenName", which the schema does not know, so the value is dropped (URN keys still work).',
  install: () => ({
    patch: (body, ctx) => (ctx.type !== 'User' ? body : withOperations(body, operations(body).map((op) => {
      const value = valueOf(op);
      if (pathOf(op) !== undefined || opName(op).toLowerCase() === 'remove' || !isObject(value)) return op;
      return { ...op, value: Object.fromEntries(Object.entries(value).filter(([k]) => /^urn:/i.test(k) || !k.includes('.'))) };
    }))),
  }),
};
