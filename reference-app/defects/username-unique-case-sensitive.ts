import type { Defect } from './types.js';

export const usernameUniqueCaseSensitive: Defect = {
  name: 'username-unique-case-sensitive',
  requirements: ['USER-CREATE-DUPLICATE'],
  description: 'Enforces userName uniqueness case-sensitively: "Ann@x" after "ann@x" is created (201) instead of 409.',
  install: () => ({ conflict: (c, ctx) => (ctx.type === 'User' ? c && ctx.existing.userName === ctx.incoming.userName : c) }),
};
