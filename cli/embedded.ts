/**
 * The embedded reference app `run` starts when no URL is given: loopback only, port 0, a random token and a random
 * OAuth client (so the client-credentials path is tested as well).
 */
import { randomBytes } from 'node:crypto';
import { newSecret } from '../core/secret.js';
import { startReferenceApp } from '../reference-app/server.js';

export interface EmbeddedTarget {
  url: string;
  token: string;
  oauth: { tokenUrl: string; clientId: string; clientSecret: string };
  close(): Promise<void>;
}

export async function startEmbedded(token = newSecret()): Promise<EmbeddedTarget> {
  const client = { id: `scim-conform-${randomBytes(4).toString('hex')}`, secret: newSecret() };
  const app = await startReferenceApp({ tokens: [token], oauth: { clients: [client] }, port: 0, host: '127.0.0.1' });
  return {
    url: app.url,
    token,
    oauth: { tokenUrl: `${app.origin}/oauth/token`, clientId: client.id, clientSecret: client.secret },
    close: () => app.close(),
  };
}
