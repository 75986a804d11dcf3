import { opName, operations, pathOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

export const removeMembersClearsAll: Defect = {
  name: 'remove-members-clears-all',
  requirements: ['GROUP-MEMBER-REMOVE', 'CYCLE-INCREMENTAL'],
  description: 'Reads Entra\'s default member removal {"op":"Remove","path":"members","value":[{"value":id}]} the RFC-strict way, ignoring value: every member of the group is removed (MicrosoftDocs/entra-docs#949).',
  install: () => ({
    patch: (body, ctx) => (ctx.type !== 'Group' ? body : withOperations(body, operations(body).map((op) => {
      if (opName(op).toLowerCase() !== 'remove' || !/^members$/i.test(pathOf(op) ?? '')) return op;
      return Object.fromEntries(Object.entries(op).filter(([k]) => k.toLowerCase() !== 'value'));
    }))),
  }),
};
