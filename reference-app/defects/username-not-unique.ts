import type { Defect } from './types.js';

export const usernameNotUnique: Defect = {
  name: 'username-not-unique',
  requirements: ['USER-CREATE-DUPLICATE', 'OKTA-SPEC-DUPLICATE'],
  description: 'Does not enforce userName uniqueness: a second POST /Users with a userName in use creates another user (201) instead of 409.',
  install: () => ({ conflict: (c, ctx) => (ctx.type === 'User' ? false : c) }),
};
