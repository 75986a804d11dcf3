/** The recording proxy (replay/recorder.ts): HTTPS upstreams with --insecure or a CA, a TLS failure and a dead upstream recorded as errors. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { createAgent } from '../../core/client/scim-client.js';
import { createRedactor } from '../../core/redact.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import { Masker } from '../../replay/mask.js';
import { startRecorder } from '../../replay/recorder.js';
import { Sanitizer } from '../../replay/sanitize.js';
import { readTrace, TRACE_VERSION, TraceWriter, type Trace } from '../../replay/trace.js';

const TOKEN = 'recorder-test-token-77';
let dir: string;
let https: RunningReferenceApp;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'replay-recorder-'));
  https = await startReferenceApp({ tokens: [TOKEN], port: 0, host: '127.0.0.1', tls: 'self-signed' });
});
after(async () => {
  await https.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Records what `send` sends through a proxy in front of `upstream`, and returns the trace and the answers the IdP saw. */
async function through(name: string, upstream: string, insecure: boolean, send: (proxy: string) => Promise<number[]>): Promise<{ trace: Trace; statuses: number[] }> {
  const file = join(dir, `${name}.jsonl`);
  const writer = new TraceWriter(file, { trace: TRACE_VERSION, source: 'proxy', recordedAt: new Date().toISOString(), masked: [] });
  const recorder = await startRecorder({ upstream: new URL(upstream), host: '127.0.0.1', port: 0, trace: writer, sanitizer: new Sanitizer(createRedactor(), new Masker()), dispatcher: createAgent({ insecure }), timeoutMs: 2_000 });
  const statuses = await send(recorder.url);
  await recorder.close();
  writer.close();
  return { trace: readTrace(file), statuses };
}

const get = async (url: string): Promise<number> => {
  const res = await request(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  await res.body.text();
  return res.statusCode;
};

test('an HTTPS upstream with a self-signed certificate: recorded with --insecure; without, the IdP gets 502 and the trace TARGET_TLS', async () => {
  const ok = await through('insecure', https.url, true, async (proxy) => [await get(`${proxy}/Users?count=1`), await get(`${proxy.replace(/\/scim\/v2$/, '')}/elsewhere`)]);
  assert.deepEqual(ok.statuses, [200, 404], 'answers pass through unchanged');
  assert.equal(ok.trace.exchanges.length, 1, 'a request outside the tenant URL is forwarded, not recorded');
  assert.equal(ok.trace.exchanges[0]?.request.path, '/Users?count=1');
  assert.equal(ok.trace.exchanges[0]?.request.headers.authorization, 'Bearer [REDACTED]');

  const refused = await through('verified', https.url, false, async (proxy) => [await get(`${proxy}/Users`)]);
  assert.deepEqual(refused.statuses, [502]);
  assert.equal(refused.trace.exchanges[0]?.error?.code, 'TARGET_TLS');
});

test('a dead upstream: 502 to the IdP, TARGET_UNREACHABLE in the trace', async () => {
  const dead = await through('dead', 'http://127.0.0.1:9/scim/v2', false, async (proxy) => [await get(`${proxy}/Groups`)]);
  assert.deepEqual(dead.statuses, [502]);
  assert.equal(dead.trace.exchanges[0]?.error?.code, 'TARGET_UNREACHABLE');
  assert.ok(!JSON.stringify(dead.trace).includes(TOKEN));
});
