import type { Defect } from './types.js';

export const jsonContentType: Defect = {
  name: 'json-content-type',
  requirements: ['HTTP-CONTENT-TYPE'],
  description: 'Answers successful responses with Content-Type: application/json instead of application/scim+json (errors keep the SCIM type).',
  install: () => ({
    response: (res) => (res.status < 300 && res.body !== undefined
      ? { ...res, headers: { ...res.headers, 'content-type': 'application/json; charset=utf-8' } }
      : res),
  }),
};
