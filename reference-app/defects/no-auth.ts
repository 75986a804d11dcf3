import type { Defect } from './types.js';

export const noAuth: Defect = {
  name: 'no-auth',
  requirements: ['AUTH-REJECT', 'OKTA-SPEC-AUTH'],
  description: 'Accepts every request to the SCIM endpoints, with a wrong bearer token or none at all.',
  install: () => ({ authenticate: () => true }),
};
