/**
 * `startReferenceApp(opts)`: builds the app, creates a self-signed certificate when asked, listens (port 0
 * picks a free port) and answers the tenant URL a SCIM client should use. The CLI's `serve` and `run` (with
 * no target URL) call this.
 */
import { listenOn } from '../core/listen.js';
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


export async function startReferenceApp(opts: ReferenceAppOptions): Promise<RunningReferenceApp> {
  const host = opts.host ?? '127.0.0.1';
  const tls = opts.tls === 'self-signed' ? await selfSignedTls(host) : opts.tls;
  const app = build({ ...opts, ...(tls ? { tls } : {}) });
  const origin = `${tls ? 'https' : 'http'}://${await listenOn(app, host, opts.port ?? 0)}`;
  return {
    url: `${origin}${normalizeBasePath(opts.basePath)}`,
    origin,
    close: () => app.close(),
  };
}
