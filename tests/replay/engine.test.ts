/**
 * The replay engine in-process: traffic recorded through the recording proxy (replay/recorder.ts) in front of one
 * reference app, replayed against fresh ones — clean, with defects, with faults — and judged (replay/engine.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent, createScimClient, type ScimClient } from '../../core/client/scim-client.js';
import { staticToken } from '../../core/client/oauth.js';
import { createTargetClient } from '../../core/client/target.js';
import type { CheckRecord } from '../../core/evidence.js';
import { createRedactor } from '../../core/redact.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import type { Bound } from '../../replay/bindings.js';
import { replay } from '../../replay/engine.js';
import type { FaultKind } from '../../replay/faults.js';
import { Masker } from '../../replay/mask.js';
import { startRecorder } from '../../replay/recorder.js';
import { replayReport } from '../../replay/report.js';
import { Sanitizer } from '../../replay/sanitize.js';
import { readTrace, TRACE_VERSION, TraceWriter, type Trace } from '../../replay/trace.js';

const TOKEN = 'engine-test-token-1234';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const dir = mkdtempSync(join(tmpdir(), 'replay-engine-'));
const apps: RunningReferenceApp[] = [];
let trace: Trace;

async function app(defects: string[] = []): Promise<RunningReferenceApp> {
  const a = await startReferenceApp({ tokens: [TOKEN], defects, port: 0, host: '127.0.0.1', onInternalError: () => undefined });
  apps.push(a);
  return a;
}

function clientFor(url: string): ScimClient {
  return createScimClient({ baseUrl: url, token: staticToken(TOKEN), secrets: [TOKEN], dispatcher: createAgent() });
}

/** What an IdP would send: match, create two users, a group with one member, add the other, deactivate one, delete one. */
async function provision(c: ScimClient): Promise<void> {
  await c.send({ method: 'GET', path: '/Users', query: [['filter', 'userName eq "ann@contoso.example"']] });
  const ann = await c.send({ method: 'POST', path: '/Users', body: { schemas: [USER], userName: 'ann@contoso.example', active: true, name: { givenName: 'Ann', familyName: 'Lee' }, emails: [{ value: 'ann@contoso.example', type: 'work', primary: true }] } });
  const bob = await c.send({ method: 'POST', path: '/Users', body: { schemas: [USER], userName: 'bob@contoso.example', active: true, externalId: 'bob' } });
  const annId = (ann.body as { id: string }).id;
  const bobId = (bob.body as { id: string }).id;
  await c.send({ method: 'POST', path: '/Users', body: { schemas: [USER], userName: 'ann@contoso.example' } }); // 409 uniqueness: recorded, and expected
  const group = await c.send({ method: 'POST', path: '/Groups', body: { schemas: [GROUP], displayName: 'Sales', members: [{ value: annId }] } });
  const groupId = (group.body as { id: string }).id;
  await c.send({ method: 'PATCH', path: `/Groups/${groupId}`, body: { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: bobId }] }] } });
  await c.send({ method: 'PATCH', path: `/Users/${bobId}`, body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] } });
  await c.send({ method: 'GET', path: `/Users/${annId}` });
  await c.send({ method: 'DELETE', path: `/Users/${annId}` });
}

before(async () => {
  const upstream = await app();
  const file = join(dir, 'trace.jsonl');
  const writer = new TraceWriter(file, { trace: TRACE_VERSION, source: 'proxy', recordedAt: new Date().toISOString(), masked: [] });
  const recorder = await startRecorder({ upstream: new URL(upstream.url), host: '127.0.0.1', port: 0, trace: writer, sanitizer: new Sanitizer(createRedactor(), new Masker([])), dispatcher: createAgent(), timeoutMs: 5_000 });
  await provision(clientFor(recorder.url));
  await recorder.close();
  writer.close();
  trace = readTrace(file);
});
after(async () => {
  await Promise.all(apps.map((a) => a.close()));
  rmSync(dir, { recursive: true, force: true });
});

interface Replayed {
  records: CheckRecord[];
  created: Bound[];
  deleted: string[];
  byId(prefix: string): CheckRecord[];
}

async function replayAgainst(a: RunningReferenceApp, faults: Array<[number, FaultKind]> = [], t: Trace = trace): Promise<Replayed> {
  const created: Bound[] = [];
  const deleted: string[] = [];
  const client = createTargetClient({ url: a.url, token: TOKEN, insecure: false, timeoutMs: 5_000 }, createRedactor([TOKEN]));
  const out = await replay(t, { client, prefix: 'scr-test01-', faults: new Map(faults), traceName: 'trace.jsonl', retryAfterMs: 1, journal: { created: (r) => created.push(r), deleted: (r) => deleted.push(r.id) } });
  return { records: out.records, created, deleted, byId: (p) => out.records.filter((r) => r.id.startsWith(p)) };
}

const seqOf = (method: string, path: RegExp): number => trace.exchanges.find((x) => x.request.method === method && path.test(x.request.path))?.seq ?? 0;

test('recorded through the proxy, replayed against a fresh app: every exchange and every final state passes', async () => {
  assert.equal(trace.exchanges.length, 9);
  assert.ok(!JSON.stringify(trace).includes(TOKEN), 'the trace holds no token');
  const r = await replayAgainst(await app());
  assert.deepEqual(r.records.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`), []);
  assert.equal(r.records.length, 9 + 3, 'one check per exchange, one per created resource');
  assert.deepEqual(r.created.map((c) => c.name), ['scr-test01-ann@contoso.example', 'scr-test01-bob@contoso.example', 'scr-test01-Sales'], 'identities templated and journaled');
  assert.equal(r.deleted.length, 1, 'the recorded DELETE is journaled as deleted');
  const patch = r.byId(`replay/000${seqOf('PATCH', /^\/Groups\//)}`)[0];
  assert.ok(patch?.exchanges.some((x) => x.step?.startsWith('recorded')) && patch.exchanges.some((x) => x.step?.startsWith('replayed')), 'recorded and replayed exchanges side by side');
  const sent = patch?.exchanges.find((x) => x.step?.startsWith('replayed'));
  const bob = r.created.find((c) => c.name?.includes('bob'));
  assert.ok(JSON.stringify(sent?.request.body).includes(bob?.id ?? '?'), 'the member value is the new id of bob');
  const report = replayReport(r.records, { tool: { name: 'scim-conform', version: 't' }, url: 'x', startedAt: new Date().toISOString(), durationMs: 1, faults: false, insecure: false, notices: [] });
  assert.equal(report.verdict, 'ready');
  assert.deepEqual(report.requirements.map((q) => `${q.id}:${q.status}`), ['REPLAY-STATUS:pass', 'REPLAY-BODY:pass', 'REPLAY-STATE:pass']);
  assert.equal(report.gallery, undefined, "no Entra gallery checklist in a replay's report");
});

test('a defect that breaks a recorded request fails it (REPLAY-STATUS, naming the exchange); one that loses a write fails REPLAY-STATE', async () => {
  const r = await replayAgainst(await app(['patch-ignored-in-default-dialect', 'post-returns-200']));
  const failing = r.records.filter((c) => c.status === 'fail');
  assert.ok(failing.length > 0);
  const state = failing.find((c) => c.id.startsWith('replay/state-group'));
  assert.match(state?.message ?? '', /members: missing now \(recorded \[\{"value":.*\(written by #\d+\)/, 'the member the ignored PATCH should have added, and the exchange that wrote it');
  const creates = r.records.filter((c) => c.status === 'warn');
  assert.ok(creates.every((c) => c.broken?.join() === 'REPLAY-BODY'), '200 for 201 is a body (SHOULD) difference: the status class is the same');
  assert.match(creates[0]?.message ?? '', /the status code differs[\s\S]*Expected: 201 \(as recorded\)[\s\S]*Actual: {3}200[\s\S]*Exchange: #2/);
});

test('a request the new build refuses blocks what depends on it; resources from before the recording are n/a', async () => {
  const refuses = await app(['string-booleans-rejected-in-patch']);
  const r = await replayAgainst(refuses);
  const patch = r.records.find((c) => c.id === `replay/000${seqOf('PATCH', /^\/Users\//)}-patch-users`);
  assert.equal(patch?.status, 'fail');
  assert.deepEqual(patch?.broken, ['REPLAY-STATUS']);
  assert.match(patch?.message ?? '', /status class differs: 2xx recorded, 4xx now[\s\S]*scimType/);

  const orphan: Trace = { header: trace.header, exchanges: [{ ...(trace.exchanges[0] as Trace['exchanges'][number]), seq: 1, request: { method: 'GET', path: '/Users/not-created-here', headers: {} }, response: { status: 200, headers: {}, body: { id: 'not-created-here' } } }] };
  const na = await replayAgainst(refuses, [], orphan);
  assert.equal(na.records[0]?.status, 'na');
  assert.match(na.records[0]?.reason ?? '', /existed before the recording/);
});

test('faults: 429, a lost answer (500) on a create and a PATCH, a time-out on a DELETE — the reference app recovers from each', async () => {
  const faults: Array<[number, FaultKind]> = [[seqOf('GET', /filter/), '429'], [seqOf('POST', /^\/Users$/), '500'], [seqOf('PATCH', /^\/Groups/), '500'], [seqOf('DELETE', /./), 'timeout']];
  const r = await replayAgainst(await app(), faults);
  assert.deepEqual(r.records.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`), []);
  const faulted = r.records.filter((c) => c.requirements.includes('REPLAY-RETRY'));
  assert.equal(faulted.length, 4);
  const create = faulted.find((c) => c.id.includes('post-users'));
  assert.deepEqual(create?.exchanges.map((x) => x.response?.status), [201, 201, 409, 200], 'recorded 201; the withheld 201, the repeat 409, the filter that finds it');
  assert.equal(r.created.length, 3, 'the create whose answer was withheld is journaled all the same');
});

test('a lost answer on a create against a build without uniqueness: the repeat makes a duplicate (REPLAY-RETRY)', async () => {
  const r = await replayAgainst(await app(['username-not-unique']), [[seqOf('POST', /^\/Users$/), '500']]);
  const create = r.records.find((c) => c.requirements.includes('REPLAY-RETRY'));
  assert.equal(create?.status, 'fail');
  assert.ok(create?.broken?.includes('REPLAY-RETRY'));
  assert.match(create?.message ?? '', /2 resources are named scr-test01-ann@contoso\.example/);
  assert.equal(r.created.filter((c) => c.name === 'scr-test01-ann@contoso.example').length >= 2, true, 'both copies journaled for the sweep');
});
