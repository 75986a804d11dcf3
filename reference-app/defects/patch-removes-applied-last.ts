import { opName, operations, withOperations } from './helpers.js';
import type { Defect } from './types.js';

export const patchRemovesAppliedLast: Defect = {
  name: 'patch-removes-applied-last',
  requirements: ['USER-PATCH-ORDER'],
  description: 'Applies a user PATCH\'s operations grouped by kind, adds and replaces first and removes last, instead of in the order given: remove externalId + add externalId leaves it removed.',
  install: () => ({
    patch: (body, ctx) => {
      if (ctx.type !== 'User') return body;
      const ops = operations(body);
      const isRemove = (op: Record<string, unknown>): boolean => opName(op).toLowerCase() === 'remove';
      return withOperations(body, [...ops.filter((op) => !isRemove(op)), ...ops.filter(isRemove)]);
    },
  }),
};
