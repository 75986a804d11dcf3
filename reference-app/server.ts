/**
 * `startReferenceApp(opts)`: builds the app, creates a self-signed certificate when asked, listens (port 0
 * picks a free port) and answers the tenant URL a SCIM client should use. The CLI's `serve` and `run` (with
 * no target URL) call this.
 */
import type { AddressInfo } from 'node:net';
import { build } from './app.js';
import { selfSignedTls } from './http/tls.js';
import { normalizeBasePath, type ReferenceAppOptions } from './options.js';

export interface RunningReferenceApp {
  /** Tenant base URL, e.g. http://127.0.0.1:PORT/scim/v2 */
  url: string;
  /** Server root, e.g. http://127.0.0.1:PORT (the token endpoint is `${origin}/oauth/token`). */
  origin: string;
  close(): Promise<void>;
}

/** A host clients can dial: wildcard listen addresses become loopback, IPv6 gets brackets. */
function dialHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startReferenceApp(opts: ReferenceAppOptions): Promise<RunningReferenceApp> {
  const host = opts.host ?? '127.0.0.1';
  const tls = opts.tls === 'self-signed' ? await selfSignedTls(host) : opts.tls;
  const app = build({ ...opts, ...(tls ? { tls } : {}) });
  try {
    await app.listen({ host, port: opts.port ?? 0 });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  const origin = `${tls ? 'https' : 'http'}://${dialHost(host)}:${port}`;
  return {
    url: `${origin}${normalizeBasePath(opts.basePath)}`,
    origin,
    close: () => app.close(),
  };
}
