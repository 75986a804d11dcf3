import type { Defect } from './types.js';

export const oauthShortTokens: Defect = {
  name: 'oauth-short-tokens',
  requirements: ['AUTH-OAUTH-CC'],
  description: 'POST /oauth/token issues access tokens that live 10 minutes (expires_in 600), below the 60-minute minimum of Microsoft\'s gallery policy.',
  install: () => ({ tokenLifetimeSec: () => 600 }),
};
