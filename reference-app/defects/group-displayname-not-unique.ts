import type { Defect } from './types.js';

export const groupDisplayNameNotUnique: Defect = {
  name: 'group-displayname-not-unique',
  requirements: ['GROUP-CREATE-DUPLICATE'],
  description: 'Does not enforce group displayName uniqueness: a second POST /Groups with a displayName in use creates another group (201) instead of 409.',
  install: () => ({ conflict: (c, ctx) => (ctx.type === 'Group' ? false : c) }),
};
