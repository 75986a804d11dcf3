import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type TLSSocket } from 'node:tls';
import { Agent, buildConnector, request } from 'undici';
import { startReferenceApp } from '../../reference-app/server.js';
import { TOKEN } from './helpers.js';

type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** Handshakes with exactly one protocol version; the negotiated version, or the error text. */
function handshake(port: number, version: TlsVersion): Promise<string> {
  return new Promise((resolve) => {
    // SECLEVEL=0 lets this client offer the legacy versions, so a refusal is the server's
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0' }, () => {
      resolve(String(socket.getProtocol()));
      socket.end();
    });
    socket.on('error', (err) => resolve(`refused: ${err.message}`));
  });
}

describe('reference app: TLS', () => {
  it('serves HTTPS with a self-signed certificate over TLS 1.2+ and refuses TLS 1.0 and 1.1', async () => {
    const server = await startReferenceApp({ tokens: [TOKEN], tls: 'self-signed' });
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/, 'https tenant URL');
      const connector = buildConnector({ rejectUnauthorized: false });
      let protocol: string | null = null;
      const agent = new Agent({
        connect: (opts, cb) => connector(opts, (err, socket) => {
          if (socket) protocol = (socket as TLSSocket).getProtocol();
          cb(err, socket as never);
        }),
      });
      const res = await request(`${server.url}/Users`, { dispatcher: agent, headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.statusCode, 200, 'GET /Users over HTTPS');
      await res.body.text();
      assert.ok(protocol === 'TLSv1.2' || protocol === 'TLSv1.3', `negotiated ${protocol}`);
      await agent.close();
      const port = Number(new URL(server.url).port);
      assert.equal(await handshake(port, 'TLSv1.2'), 'TLSv1.2', 'TLS 1.2 accepted');
      for (const v of ['TLSv1', 'TLSv1.1'] as const) assert.match(await handshake(port, v), /^refused: .*(protocol|version)/i, `${v} refused by the server`);
    } finally {
      await server.close();
    }
  });

  it('the tls-legacy-versions defect lets the same client in with TLS 1.0 and 1.1', async () => {
    const server = await startReferenceApp({ tokens: [TOKEN], tls: 'self-signed', defects: ['tls-legacy-versions'] });
    try {
      const port = Number(new URL(server.url).port);
      for (const v of ['TLSv1', 'TLSv1.1'] as const) assert.equal(await handshake(port, v), v, `${v} negotiated with the defect on`);
    } finally {
      await server.close();
    }
  });
});
