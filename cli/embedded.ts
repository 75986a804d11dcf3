/** The embedded reference app `run` starts when no URL is given: loopback only, port 0, a random token. */
import { randomBytes } from 'node:crypto';
import { startReferenceApp } from '../reference-app/server.js';

export interface EmbeddedTarget {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startEmbedded(token = randomBytes(24).toString('base64url')): Promise<EmbeddedTarget> {
  const app = await startReferenceApp({ tokens: [token], port: 0, host: '127.0.0.1' });
  return { url: app.url, token, close: () => app.close() };
}
