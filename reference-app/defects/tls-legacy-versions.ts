import type { Defect } from './types.js';

export const tlsLegacyVersions: Defect = {
  name: 'tls-legacy-versions',
  requirements: ['TLS-VERSION'],
  description: 'With TLS on, also negotiates TLS 1.0 and 1.1 (minimum version TLSv1, OpenSSL security level 0 so the legacy suites load).',
  install: () => ({ tls: (o) => ({ ...o, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }) }),
};
