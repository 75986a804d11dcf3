/** Importers into the trace format (replay/importers): HAR, the reference app's request log, the emulator's exchange log. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedactor } from '../../core/redact.js';
import { HarnessError } from '../../core/errors.js';
import { detectFormat, importTrace } from '../../replay/importers/index.js';
import { DEFAULT_PII_FIELDS, Masker } from '../../replay/mask.js';
import { Sanitizer } from '../../replay/sanitize.js';
import { parseTrace } from '../../replay/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'replay-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = 'canaryTOKEN-har-4c1d9e';
const EMAIL = 'pii.canary@contoso.example';

function imported(name: string, content: string) {
  const file = join(dir, name);
  writeFileSync(file, content);
  const masker = new Masker(DEFAULT_PII_FIELDS);
  return importTrace(file, undefined, new Sanitizer(createRedactor(), masker), [...masker.fields], name);
}

test('HAR: SCIM entries only, paths relative to the tenant URL, credentials and PII gone, base64 bodies read', () => {
  const entry = (started: string, method: string, url: string, status: number, req?: unknown, res?: unknown, base64 = false) => ({
    startedDateTime: started, time: 12,
    request: { method, url, headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }, { name: 'Cookie', value: 'a=b-cookie-secret' }], ...(req ? { postData: { mimeType: 'application/scim+json', text: JSON.stringify(req) } } : {}) },
    response: { status, headers: [{ name: 'Content-Type', value: 'application/scim+json' }, { name: 'Location', value: 'https://app.example/tenant/scim/v2/Users/1' }], content: res ? (base64 ? { text: Buffer.from(JSON.stringify(res)).toString('base64'), encoding: 'base64' } : { text: JSON.stringify(res) }) : {} },
  });
  const har = { log: { version: '1.2', entries: [
    entry('2026-01-01T00:00:02.000Z', 'POST', 'https://app.example/tenant/scim/v2/Users', 201, { userName: EMAIL }, { id: '1', userName: EMAIL, echo: TOKEN }, true),
    entry('2026-01-01T00:00:01.000Z', 'GET', `https://app.example/tenant/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${EMAIL}"`)}`, 200, undefined, { Resources: [] }),
    entry('2026-01-01T00:00:03.000Z', 'GET', 'https://app.example/favicon.ico', 404),
  ] } };
  const t = imported('session.har', JSON.stringify(har, null, 2));
  assert.equal(t.header.source, 'har');
  assert.equal(t.header.upstream, 'https://app.example/tenant/scim/v2');
  assert.equal(t.skipped, 1, 'the favicon is not SCIM');
  assert.deepEqual(t.exchanges.map((x) => [x.seq, x.request.method, x.request.path.split('?')[0]]), [[1, 'GET', '/Users'], [2, 'POST', '/Users']], 'in the order sent');
  const text = JSON.stringify(t);
  for (const secret of [TOKEN, 'b-cookie-secret', EMAIL, encodeURIComponent(EMAIL)]) assert.ok(!text.includes(secret), `${secret} is gone`);
  assert.equal((t.exchanges[1]?.response?.body as { userName: string }).userName, 'pii-1@masked.invalid', 'the mask the filter (sent first) got');
  assert.ok(text.includes('pii-1%40masked.invalid'), 'the filter carries the same mask');
  assert.doesNotThrow(() => parseTrace([JSON.stringify(t.header), ...t.exchanges.map((x) => JSON.stringify(x))].join('\n'), 'round trip'));
});

test('the reference app request log: ordered by when each request came in, bodies kept', () => {
  const lines = [
    { time: '2026-01-01T00:00:05.000Z', method: 'POST', url: '/scim/v2/Users', status: 201, ms: 4000, requestBody: { userName: 'u' }, responseBody: { id: '9', userName: 'u' } },
    { time: '2026-01-01T00:00:02.000Z', method: 'GET', url: '/scim/v2/Users/9', status: 200, ms: 1, responseBody: { id: '9' } },
    { time: '2026-01-01T00:00:03.000Z', method: 'POST', url: '/oauth/token', status: 200, ms: 1 },
  ].map((l) => JSON.stringify(l)).join('\n');
  assert.equal(detectFormat(lines, 'log'), 'request-log');
  const t = imported('requests.log', lines);
  assert.deepEqual(t.exchanges.map((x) => `${x.request.method} ${x.request.path}`), ['POST /Users', 'GET /Users/9'], 'the POST came in at :01, before the GET at :02; the token request is not SCIM');
  assert.equal(t.header.upstream, undefined, 'a path-only log does not know the host');
});

test("the emulator's exchange log (idp … --exchanges FILE)", () => {
  const line = { at: '2026-01-01T00:00:00.000Z', seq: 1, step: 'x', request: { method: 'GET', url: 'http://127.0.0.1:9/scim/v2/Groups?filter=x', headers: { authorization: 'Bearer [REDACTED]' } }, response: { status: 200, headers: {}, body: { Resources: [] } }, ms: 3 };
  const t = imported('ex.jsonl', JSON.stringify(line));
  assert.equal(t.header.source, 'emulator');
  assert.equal(t.exchanges[0]?.request.path, '/Groups?filter=x');
});

test('a file that is none of these is a configuration error naming it', () => {
  assert.throws(() => imported('junk.txt', 'hello'), (e) => e instanceof HarnessError && e.code === 'HARNESS_CONFIG' && /junk\.txt/.test(e.message));
  assert.throws(() => imported('empty.har', JSON.stringify({ log: { entries: [] } })), /no SCIM request/);
});
