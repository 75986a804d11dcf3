import type { Defect } from './types.js';

export const oauthWrongSecretAccepted: Defect = {
  name: 'oauth-wrong-secret-accepted',
  requirements: ['AUTH-OAUTH-CC'],
  description: 'POST /oauth/token issues an access token to a known client_id whatever client_secret comes with it.',
  install: () => ({ clientSecretAccepted: () => true }),
};
