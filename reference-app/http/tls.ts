/** TLS for the reference app: TLS 1.2 minimum, and a throwaway self-signed certificate on request. */
import type { SecureContextOptions } from 'node:tls';

export interface TlsMaterial {
  cert: string;
  key: string;
}

/** The https options fastify gets; a defect may loosen them through the `tls` hook. */
export type TlsOptions = SecureContextOptions & { minVersion: NonNullable<SecureContextOptions['minVersion']> };

export function tlsOptions(m: TlsMaterial): TlsOptions {
  return { cert: m.cert, key: m.key, minVersion: 'TLSv1.2' };
}

/** A P-256 certificate for localhost / 127.0.0.1 / ::1 (and `host` when it is a name), valid for a day. */
export async function selfSignedTls(host: string): Promise<TlsMaterial> {
  const ip = /^[\d.]+$|:/.test(host);
  const altNames = [
    { type: 2 as const, value: 'localhost' },
    { type: 7 as const, ip: '127.0.0.1' },
    { type: 7 as const, ip: '::1' },
    ...(host && host !== 'localhost' && host !== '0.0.0.0' && host !== '::' ? [ip ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }] : []),
  ];
  const notAfterDate = new Date(Date.now() + 24 * 3600 * 1000);
  // loaded here: node-forge behind it takes about 100 ms to load, and only --tls self-signed needs it
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'scim-conform reference app' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
