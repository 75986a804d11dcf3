import { opName, operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

export const memberAddOnlyFirst: Defect = {
  name: 'member-add-only-first',
  requirements: ['GROUP-MEMBER-ADD', 'CYCLE-INITIAL', 'CYCLE-INCREMENTAL'],
  description: 'Adds only the first member of a group PATCH add (or the validator\'s replace) on members that lists several; the rest are dropped without an error.',
  install: () => ({
    patch: (body, ctx) => (ctx.type !== 'Group' ? body : withOperations(body, operations(body).map((op) => {
      const value = valueOf(op);
      const adds = ['add', 'replace'].includes(opName(op).toLowerCase()) && /^members$/i.test(pathOf(op) ?? '');
      return adds && Array.isArray(value) && value.length > 1 ? { ...op, value: value.slice(0, 1) } : op;
    }))),
  }),
};
