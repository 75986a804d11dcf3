import { opName, operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

const LIMIT = 5;

export const memberBatchLimit: Defect = {
  name: 'member-batch-limit',
  requirements: ['CYCLE-INITIAL'],
  description: `Keeps only the first ${LIMIT} members of a group PATCH that adds more at once (204, no error): Entra's initial cycle, which adds a large group's members in batches, leaves groups incomplete. PATCHes of up to ${LIMIT} members work.`,
  install: () => ({
    patch: (body, ctx) => (ctx.type !== 'Group' ? body : withOperations(body, operations(body).map((op) => {
      const value = valueOf(op);
      const adds = ['add', 'replace'].includes(opName(op).toLowerCase()) && /^members$/i.test(pathOf(op) ?? '');
      return adds && Array.isArray(value) && value.length > LIMIT ? { ...op, value: value.slice(0, LIMIT) } : op;
    }))),
  }),
};
