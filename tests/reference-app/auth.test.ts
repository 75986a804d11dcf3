import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HarnessError } from '../../core/errors.js';
import { TokenRegistry } from '../../reference-app/http/auth.js';
import { app, expectScimError, expectStatus, send, TOKEN, type Json } from './helpers.js';

const CLIENT = { id: 'entra-client', secret: 'client-secret-value-9f8e7d' };

async function token(a: FastifyInstance, payload: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Record<string, unknown> }> {
  const r = await a.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload });
  return { status: r.statusCode, body: JSON.parse(r.body) as Json, headers: r.headers };
}

describe('reference app: bearer tokens', () => {
  let a: FastifyInstance;
  before(() => { a = app({ tokens: [TOKEN, 'second-token-abcdef'] }); });
  after(() => a.close());

  it('answers a missing, wrong or malformed token with 401, a SCIM error and WWW-Authenticate', async () => {
    for (const authorization of ['', 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, 'Bearer', `${TOKEN}`]) {
      const r = await send(a, 'GET', 'Users', undefined, { authorization });
      expectScimError(r, 401, `Authorization "${authorization.slice(0, 12)}"`);
      assert.equal(r.headers['www-authenticate'], 'Bearer realm="scim"', 'WWW-Authenticate');
    }
    expectScimError(await send(a, 'GET', 'Nope', undefined, { authorization: '' }), 401, 'unknown route still needs a token');
  });

  it('accepts each configured token, with the scheme in any case', async () => {
    expectStatus(await send(a, 'GET', 'Users'), 200, 'first token');
    expectStatus(await send(a, 'GET', 'Users', undefined, { authorization: 'bearer second-token-abcdef' }), 200, 'second token, lower-case scheme');
  });

  it('refuses a configuration without tokens', () => {
    assert.throws(() => app({ tokens: [] }), HarnessError, 'no token and no client is a configuration error');
  });
});

describe('TokenRegistry: static tokens', () => {
  const long = 'j'.repeat(3000);
  const registry = new TokenRegistry(['abc', 'tökén-ünïcode', long, 'x'.repeat(256)], () => 0);

  it('accepts each token exactly, also one longer than a padding step and one with non-ASCII characters', () => {
    for (const t of ['abc', 'tökén-ünïcode', long, 'x'.repeat(256)]) assert.equal(registry.accepts(t), true, `${t.slice(0, 12)} (${t.length} chars)`);
  });

  it('refuses prefixes, extensions, the zero padding itself and near misses', () => {
    const refused = ['', 'ab', 'abcd', 'abc\u0000', 'abc\u0000\u0000', '\u0000'.repeat(256), 'ABC', 'tökén-ünïcodé', long.slice(1), `${long}j`, 'x'.repeat(255), 'x'.repeat(257), 'j'.repeat(5000)];
    for (const t of refused) assert.equal(registry.accepts(t), false, JSON.stringify(t.slice(0, 12)) + ` (${t.length} chars)`);
    assert.equal(registry.accepts(undefined), false, 'no token');
  });

  it('refuses everything when no static token is configured', () => {
    const none = new TokenRegistry([], () => 0);
    for (const t of ['', 'abc', '\u0000'.repeat(256)]) assert.equal(none.accepts(t), false, JSON.stringify(t.slice(0, 12)));
  });
});

describe('reference app: OAuth client credentials', () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  let a: FastifyInstance;
  before(() => { a = app({ tokens: [], oauth: { clients: [CLIENT], tokenLifetimeSec: 3600 }, clock: () => now }); });
  after(() => a.close());

  it('issues a token for Basic credentials and for form fields, accepts it, and stops at expiry', async () => {
    const basic = Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64');
    const viaBasic = await token(a, 'grant_type=client_credentials', { authorization: `Basic ${basic}` });
    assert.equal(viaBasic.status, 200, 'Basic credentials');
    assert.equal(viaBasic.body.token_type, 'Bearer', 'token_type');
    assert.equal(viaBasic.body.expires_in, 3600, 'expires_in');
    assert.equal(viaBasic.headers['cache-control'], 'no-store', 'no-store');
    const viaForm = await token(a, `grant_type=client_credentials&client_id=${CLIENT.id}&client_secret=${encodeURIComponent(CLIENT.secret)}`);
    assert.equal(viaForm.status, 200, 'form credentials');
    const access = String(viaForm.body.access_token);
    expectStatus(await send(a, 'GET', 'Users', undefined, { authorization: `Bearer ${access}` }), 200, 'issued token accepted');
    now += 3599 * 1000;
    expectStatus(await send(a, 'GET', 'Users', undefined, { authorization: `Bearer ${access}` }), 200, 'still valid 1 s before expiry');
    now += 1000;
    expectScimError(await send(a, 'GET', 'Users', undefined, { authorization: `Bearer ${access}` }), 401, 'expired token');
  });

  it('answers a wrong client with 401 invalid_client and a wrong grant with 400 unsupported_grant_type', async () => {
    const wrong = await token(a, `grant_type=client_credentials&client_id=${CLIENT.id}&client_secret=nope`);
    assert.deepEqual([wrong.status, wrong.body.error], [401, 'invalid_client'], 'wrong secret');
    const unknown = await token(a, 'grant_type=client_credentials&client_id=who&client_secret=x');
    assert.deepEqual([unknown.status, unknown.body.error], [401, 'invalid_client'], 'unknown client');
    const grant = await token(a, `grant_type=password&client_id=${CLIENT.id}&client_secret=${CLIENT.secret}`);
    assert.deepEqual([grant.status, grant.body.error], [400, 'unsupported_grant_type'], 'wrong grant');
    const missing = await token(a, `client_id=${CLIENT.id}&client_secret=${CLIENT.secret}`);
    assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_request'], 'no grant');
  });

  it('rejects a token lifetime outside 60 minutes to 6 hours', () => {
    assert.throws(() => app({ oauth: { clients: [CLIENT], tokenLifetimeSec: 600 } }), HarnessError, '10 minutes');
    assert.throws(() => app({ oauth: { clients: [CLIENT], tokenLifetimeSec: 21601 } }), HarnessError, 'over 6 h');
  });

  it('has no token endpoint without OAuth clients', async () => {
    const plain = app();
    const r = await plain.inject({ method: 'POST', url: '/oauth/token', payload: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.statusCode, 404, 'no route');
    await plain.close();
  });
});

describe('reference app: CORS and the request log', () => {
  it('answers a preflight and marks responses for the allowed origin', async () => {
    const a = app({ cors: 'https://scimvalidator.microsoft.com' });
    const pre = await a.inject({ method: 'OPTIONS', url: '/scim/v2/Users', headers: { origin: 'https://scimvalidator.microsoft.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    assert.equal(pre.statusCode, 204, 'preflight answered without a token');
    assert.equal(pre.headers['access-control-allow-origin'], 'https://scimvalidator.microsoft.com', 'allowed origin');
    const r = await send(a, 'GET', 'Users', undefined, { origin: 'https://scimvalidator.microsoft.com' });
    assert.equal(r.headers['access-control-allow-origin'], 'https://scimvalidator.microsoft.com', 'CORS header on a real request');
    assert.match(String(r.headers['access-control-expose-headers']), /ETag/, 'ETag exposed');
    await a.close();
  });

  it('writes one JSON line per request with tokens, secrets and issued tokens redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-log-'));
    const logFile = join(dir, 'requests.jsonl');
    const a = app({ logFile, oauth: { clients: [CLIENT] } });
    await send(a, 'POST', 'Users', { userName: 'logged', title: `echo ${TOKEN}` });
    await send(a, 'GET', `Users?filter=userName+eq+%22${TOKEN}%22`);
    const issued = await token(a, `grant_type=client_credentials&client_id=${CLIENT.id}&client_secret=${CLIENT.secret}`);
    await send(a, 'GET', 'Users', undefined, { authorization: `Bearer ${String(issued.body.access_token)}` });
    await a.close();
    const text = readFileSync(logFile, 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Json);
    assert.equal(lines.length, 4, 'one line per request');
    assert.deepEqual(Object.keys(lines[0] ?? {}).sort(), ['method', 'ms', 'requestBody', 'responseBody', 'status', 'time', 'url'], 'line fields');
    assert.equal(lines[0]?.status, 201, 'status logged');
    for (const secret of [TOKEN, CLIENT.secret, String(issued.body.access_token)]) {
      assert.ok(!text.includes(secret), `the log never holds ${secret.slice(0, 6)}…`);
    }
    assert.ok(text.includes('[REDACTED]'), 'redaction marker present');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving when the log file cannot be written, and reports it once', async () => {
    const errors: unknown[] = [];
    const a = app({ logFile: join(tmpdir(), 'no-such-dir-ra', 'sub', 'log.jsonl'), onInternalError: (e) => errors.push(e) });
    for (let i = 0; i < 3; i++) expectStatus(await send(a, 'GET', 'Users'), 200, `request ${i} served`);
    await new Promise((r) => setTimeout(r, 50));
    await a.close();
    assert.equal(errors.length, 1, 'one report');
  });
});
