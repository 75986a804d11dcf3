import type { Defect } from './types.js';

export const errorBodyPlainText: Defect = {
  name: 'error-body-plain-text',
  requirements: ['OKTA-ERROR-JSON', 'OKTA-SPEC-GET-UNKNOWN', 'OKTA-SPEC-GET-FIXED-UNKNOWN', 'OKTA-SPEC-AUTH'],
  description: 'Answers every error as text/plain ("404 Not Found: …") instead of a JSON SCIM Error, as a framework\'s default error page does; Okta shows a JSON parse error instead of the detail (Metatavu/keycloak-scim-server#101).',
  install: () => ({
    response: (res) => {
      if (res.status < 400) return res;
      const detail = (res.body as { detail?: unknown } | undefined)?.detail;
      const { body: _body, ...rest } = res;
      return { ...rest, headers: { ...res.headers, 'content-type': 'text/plain; charset=utf-8' }, rawText: `${res.status} ${typeof detail === 'string' ? detail : 'error'}` };
    },
  }),
};
