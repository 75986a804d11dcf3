/** PII masking (replay/mask.ts) and what every capture point does before writing (replay/sanitize.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor } from '../../core/redact.js';
import { Masker } from '../../replay/mask.js';
import { Sanitizer, type RawExchange } from '../../replay/sanitize.js';
import type { TraceExchange } from '../../replay/trace.js';

const EMAIL = 'Alice.Canary@Contoso.example';

function exchange(path: string, body?: unknown, response?: unknown, status = 200): TraceExchange {
  return {
    seq: 1, at: '2026-01-01T00:00:00.000Z', ms: 1,
    request: { method: body === undefined ? 'GET' : 'POST', path, headers: {}, ...(body !== undefined ? { body } : {}) },
    response: { status, headers: {}, ...(response !== undefined ? { body: response } : {}) },
  };
}

test('the same value gets the same mask everywhere: filters, bodies, answers, PATCH paths and free text', () => {
  const m = new Masker();
  const filter = m.maskExchange(exchange(`/Users?filter=${encodeURIComponent(`userName eq "${EMAIL}"`)}`, undefined, { Resources: [] }));
  const create = m.maskExchange(exchange('/Users', { userName: EMAIL, emails: [{ value: EMAIL.toLowerCase(), type: 'work' }], name: { givenName: 'Alice' } }, { id: '7', userName: EMAIL }, 201));
  const conflict = m.maskExchange(exchange('/Users', { userName: EMAIL }, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: `userName ${EMAIL.toUpperCase()} already exists` }, 409));
  const patch = m.maskExchange(exchange('/Users/7', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'remove', path: `emails[value eq "${EMAIL}"]` }] }));
  const mask = (create.request.body as { userName: string }).userName;
  assert.match(mask, /^Pii-1@masked\.invalid$/i, 'an email keeps the shape of one');
  assert.equal(new URLSearchParams(filter.request.path.split('?')[1]).get('filter'), `userName eq "${mask}"`, 'the filter literal has the mask the body later gets');
  assert.equal((create.request.body as { emails: Array<{ value: string }> }).emails[0]?.value, mask.toLowerCase(), 'the lower-case spelling gets the mask in lower case');
  assert.equal((create.response?.body as { userName: string }).userName, mask, 'the answer echoes the same mask');
  assert.equal((create.response?.body as { id: string }).id, '7', 'ids are no PII');
  assert.match((conflict.response?.body as { detail: string }).detail, /^userName PII-1@MASKED\.INVALID already exists$/, 'free text is masked inside, in the case it was written');
  assert.equal((patch.request.body as { Operations: Array<{ path: string }> }).Operations[0]?.path, `emails[value eq "${mask}"]`, 'PATCH path literals too');
  assert.equal((create.request.body as { name: { givenName: string } }).name.givenName, 'Pii-2', 'another value, another mask');
  const all = JSON.stringify([filter, create, conflict, patch]);
  assert.ok(!all.toLowerCase().includes('canary'), 'the value appears nowhere');
});

test('only configured fields are learned; "none" masks nothing', () => {
  const m = new Masker(['emails.value']);
  const x = m.maskExchange(exchange('/Users', { userName: 'bob', emails: [{ value: 'bob@x.example' }], title: 'CEO' }));
  assert.deepEqual(x.request.body, { userName: 'bob', emails: [{ value: 'pii-1@masked.invalid' }], title: 'CEO' });
  const none = new Masker([]).maskExchange(exchange('/Users', { userName: 'bob' }));
  assert.deepEqual(none.request.body, { userName: 'bob' });
});

test('sanitizing: credentials learned from headers are redacted wherever they are echoed; only allowlisted headers stay', () => {
  const token = 'canaryTOKEN-0a1b2c3d4e5f';
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4eXoxMjM0NSJ9.c2lnbmF0dXJlMTIz';
  const s = new Sanitizer(createRedactor(), new Masker([]));
  const raw: RawExchange = {
    seq: 1, at: '2026-01-01T00:00:00.000Z', ms: 3.14159,
    request: {
      method: 'post', path: `/Users?access_token=${token}`,
      headers: { authorization: `Bearer ${token}`, cookie: 'session=s3cr3t-cookie-value', 'x-custom-auth': 'hunter2-header', 'content-type': 'application/scim+json' },
      body: { userName: 'u', password: 'P@ssw0rd!', note: `echo ${token}`, other: `Bearer ${jwt}` },
    },
    response: { status: 201, headers: { 'set-cookie': 'sid=abcdef123456; Path=/', location: '/Users/1', 'x-request-id': 'r1' }, body: { token: jwt, detail: 's3cr3t-cookie-value seen' } },
  };
  const x = s.sanitize(raw);
  const text = JSON.stringify(x);
  for (const secret of [token, jwt, 's3cr3t-cookie-value', 'hunter2-header', 'P@ssw0rd!', 'abcdef123456']) assert.ok(!text.includes(secret), `${secret.slice(0, 10)}… is gone`);
  assert.deepEqual(Object.keys(x.request.headers).sort(), ['authorization', 'content-type']);
  assert.equal(x.request.headers.authorization, 'Bearer [REDACTED]');
  assert.deepEqual(Object.keys(x.response?.headers ?? {}), ['location']);
  assert.equal(x.request.method, 'POST');
  assert.equal(x.ms, 3.1);
});
