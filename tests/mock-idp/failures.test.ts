/**
 * A target that fails: failed objects go to escrow (transient → next cycle, others on the 6 h/12 h/24 h
 * schedule), the state stays consistent and the next cycle resumes; 401 and filter-404 quarantine the job;
 * 429 in both modes; the accidental-deletion threshold; SkipOutOfScopeDeletions; DuplicateTargetEntries.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningReferenceApp } from '../../reference-app/server.js';
import { createAgent, createScimClient } from '../../core/client/scim-client.js';
import { staticToken } from '../../core/client/oauth.js';
import { compileMappings, type MappingsInput } from '../../mock-idp/mappings/mappings.js';
import type { DirectoryInput } from '../../mock-idp/directory/types.js';
import { HOUR } from '../../mock-idp/escrow/schedule.js';
import { clientFor, listAll, newJob, startFaultProxy, startTarget, type FaultProxy } from './helpers.js';
import DEFAULTS from '../../mock-idp/mappings/default-mappings.json' with { type: 'json' };

let app: RunningReferenceApp;
let proxy: FaultProxy;
before(async () => {
  app = await startTarget();
  proxy = await startFaultProxy(app.url);
});
after(async () => {
  await proxy.close();
  await app.close();
});

function users(prefix: string, n: number, assigned = false): DirectoryInput {
  const list = Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, userPrincipalName: `${prefix}${i + 1}@contoso.example`, displayName: `${prefix} ${i + 1}`, jobTitle: 'T' }));
  return { users: list, ...(assigned ? { assignments: list.map((u) => ({ principalId: u.id })) } : {}) };
}
const withSettings = (settings: MappingsInput['settings'], extra: Partial<MappingsInput> = {}) =>
  compileMappings({ ...(DEFAULTS as unknown as MappingsInput), settings: { ...(DEFAULTS as unknown as MappingsInput).settings, ...settings }, ...extra });

test('failures mid-cycle go to escrow; the state stays consistent; the next cycle resumes', async () => {
  const P = 'esc-';
  const job = newJob(proxy.url, { client: clientFor(proxy.url) });
  job.dir.importDirectory(users(P, 9));
  // 500 for users 3 and 6, 409 for user 9, on their POST.
  proxy.fault = ({ method, path, body }) => {
    if (method !== 'POST' || path !== '/Users') return undefined;
    if (/esc-[36]@/.test(body)) return { status: 500, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'database is down' } };
    if (/esc-9@/.test(body)) return { status: 409, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'exists' } };
    return undefined;
  };
  const s1 = await job.runCycle();
  assert.deepEqual([s1.created, s1.failed], [6, 3], `six created, three failed (${JSON.stringify(s1)})`);
  const escrow = job.state.allEscrow();
  assert.deepEqual(escrow.map((e) => [e.id, e.code]).sort(), [[`${P}3`, 'InternalServerError'], [`${P}6`, 'InternalServerError'], [`${P}9`, 'EntryConflict']], 'failed objects are in escrow with their §4.11 codes');
  const e3 = escrow.find((e) => e.id === `${P}3`);
  const e9 = escrow.find((e) => e.id === `${P}9`);
  assert.equal((e3?.nextRetryAt ?? 0) - (e3?.firstFailedAt ?? 0), 40 * 60_000, 'a 500 is retried in the next cycle');
  assert.equal((e9?.nextRetryAt ?? 0) - (e9?.firstFailedAt ?? 0), 6 * HOUR, 'a 409 first waits 6 h');
  assert.equal(job.state.link('user', `${P}3`), undefined, 'no link for a failed create');
  const failure = job.logs.query({ status: 'failure' }).find((l) => l.sourceIdentity.id === `${P}3`);
  assert.equal(failure?.provisioningStatusInfo.errorInformation?.errorCode, 'InternalServerError', 'logged with the error code');
  assert.match(failure?.provisioningStatusInfo.errorInformation?.reason ?? '', /POST \/Users answered 500: database is down/, 'the reason carries the detail');

  proxy.fault = undefined;
  const s2 = await job.runCycle();
  assert.deepEqual([s2.kind, s2.created, s2.failed], ['incremental', 2, 0], `the next cycle (40 min later) retries the two 500s (${JSON.stringify(s2)})`);
  assert.deepEqual(job.state.allEscrow().map((e) => e.id), [`${P}9`], 'only the 409 is left in escrow');
  job.advanceClock(6 * HOUR);
  const s3 = await job.runCycle();
  assert.deepEqual([s3.created, s3.failed], [1, 0], '6 h later the 409 is retried and succeeds');
  assert.equal(job.state.allEscrow().length, 0, 'escrow empty');
  const all = (await listAll(clientFor(app.url), 'Users')).filter((u) => String(u.userName).startsWith(P));
  assert.equal(all.length, 9, 'every user exactly once in the target');
});

test('a wrong token quarantines the job at once; the watermark does not move', async () => {
  const bad = createScimClient({ baseUrl: app.url, token: staticToken('wrong'), dispatcher: createAgent() });
  const job = newJob(app.url, { client: bad });
  job.dir.importDirectory(users('q401-', 5));
  const s = await job.runCycle();
  assert.equal(s.quarantine?.reason, 'EncounteredQuarantineException', 'quarantined for invalid credentials');
  assert.match(s.aborted ?? '', /invalid credentials/, 'the cycle stopped');
  assert.equal(job.state.get('watermark'), undefined, 'the watermark did not move: the next cycle starts over');
  const conn = await job.testConnection();
  assert.equal(conn.ok, false, 'test connection fails');
  assert.match(conn.checks[0]?.message ?? '', /invalid credentials: the endpoint answered 401/, 'and says why');
});

test('a filter answering 404 is a SCIM compliance issue: quarantine', async () => {
  const job = newJob(proxy.url, { client: clientFor(proxy.url) });
  job.dir.importDirectory(users('q404-', 3));
  proxy.fault = ({ method, path }) => (method === 'GET' && path.startsWith('/Users?') ? { status: 404, body: { status: '404', detail: 'no such user' } } : undefined);
  const s = await job.runCycle();
  proxy.fault = undefined;
  assert.equal(s.quarantine?.reason, 'EncounteredQuarantineException', 'quarantined');
  assert.match(s.quarantine?.detail ?? '', /SCIM compliance issue: a filter query answered 404/, 'reason: the compliance issue of §4.8');
  const t = await job.testConnection();
  assert.equal(t.ok, true, 'the probe passes once the target answers 200');
  const next = await job.runCycle();
  assert.equal(next.quarantine, undefined, 'a successful cycle leaves quarantine');
  assert.equal(next.created, 3, 'and provisions');
});

test('escrow thresholds quarantine the job; quarantined jobs run daily', async () => {
  const job = newJob(proxy.url, { client: clientFor(proxy.url), quarantinePolicy: { minFailures: 4, proportion: 0.4, maxFailures: 1000, absolute: 2000 } });
  job.dir.importDirectory(users('qesc-', 6));
  proxy.fault = ({ method }) => (method === 'POST' ? { status: 503 } : undefined);
  const t0 = job.now();
  const s = await job.runCycle();
  proxy.fault = undefined;
  assert.equal(s.quarantine?.reason, 'EncounteredEscrowProportionThreshold', `6 of 6 failed > 40 % (${JSON.stringify(s)})`);
  assert.equal(job.now() - t0, 24 * HOUR, 'the next cycle is a day later');
});

test('429: ignore-and-escrow retries next cycle; honor-retry-after waits and retries in the same cycle', async () => {
  let n = 0;
  proxy.fault = ({ method }) => (method === 'POST' && n++ < 2 ? { status: 429, headers: { 'retry-after': '0' }, body: { status: '429' } } : undefined);
  const ignoring = newJob(proxy.url, { client: clientFor(proxy.url), concurrency: 1 });
  ignoring.dir.importDirectory(users('r429a-', 3));
  const a = await ignoring.runCycle();
  assert.deepEqual([a.created, a.failed], [1, 2], 'two TooManyRequests failures');
  assert.deepEqual(ignoring.state.allEscrow().map((e) => e.code), ['TooManyRequests', 'TooManyRequests'], 'escrowed as TooManyRequests');
  n = 0;
  const honoring = newJob(proxy.url, { client: clientFor(proxy.url), concurrency: 1, rateLimit: 'honor-retry-after' });
  honoring.dir.importDirectory(users('r429b-', 3));
  const b = await honoring.runCycle();
  proxy.fault = undefined;
  assert.deepEqual([b.created, b.failed], [3, 0], 'retried after Retry-After within the cycle');
});

test('the accidental-deletion threshold holds disables back and quarantines; --allow-deletes lets them through', async () => {
  const P = 'acc-';
  const job = newJob(app.url, { mappings: withSettings({ accidentalDeletionThreshold: 2 }) });
  const dir = users(P, 5, true);
  job.dir.importDirectory(dir);
  await job.runCycle();
  job.dir.importDirectory({ ...dir, assignments: dir.assignments?.slice(0, 2) });
  const s = await job.runCycle();
  assert.deepEqual([s.staged, s.disabled, s.requests], [3, 0, 0], 'three disables above the threshold of 2: staged, nothing sent');
  assert.equal(s.quarantine?.reason, 'TooManyDeletes', 'quarantined');
  assert.equal(job.logs.query({ action: 'stagedDelete' }).length, 3, 'StagedDelete log entries');
  const held = await job.runCycle();
  assert.deepEqual([held.staged, held.quarantine?.reason], [3, 'TooManyDeletes'], 'still held back next cycle');
  const allowed = await job.runCycle({ allowDeletes: true });
  assert.deepEqual([allowed.disabled, allowed.staged, allowed.quarantine], [3, 0, undefined], 'allowed: disabled, quarantine lifted');
});

test('SkipOutOfScopeDeletions: users leaving scope are not disabled', async () => {
  const P = 'skip-';
  const job = newJob(app.url, { mappings: withSettings({ skipOutOfScopeDeletions: true }) });
  const dir = users(P, 2, true);
  job.dir.importDirectory(dir);
  await job.runCycle();
  job.dir.importDirectory({ ...dir, assignments: dir.assignments?.slice(0, 1) });
  const s = await job.runCycle();
  assert.deepEqual([s.disabled, s.skipped, s.requests], [0, 1, 0], 'skipped, nothing sent');
  const t = (await clientFor(app.url).send({ method: 'GET', path: `/Users/${job.state.link('user', `${P}2`)?.targetId}` })).body as { active: boolean };
  assert.equal(t.active, true, 'still active in the target');
});

test('more than one target match is DuplicateTargetEntries (matching on externalId)', async () => {
  const P = 'dup-';
  const client = clientFor(app.url);
  for (const n of [1, 2]) {
    const r = await client.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${P}other${n}@x`, externalId: `${P}same` } });
    assert.equal(r.status, 201, 'pre-existing target user');
  }
  const base = DEFAULTS as unknown as MappingsInput;
  const mappings = compileMappings({
    ...base,
    user: { ...base.user, attributes: base.user.attributes.map((a) => (a.target === 'userName' ? { ...a, matchingPrecedence: 2 } : a.target === 'externalId' ? { ...a, matchingPrecedence: 1 } : a)) },
  });
  const job = newJob(app.url, { mappings });
  job.dir.importDirectory({ users: [{ id: 'd1', userPrincipalName: `${P}u@contoso.example`, mailNickname: `${P}same` }] });
  const s = await job.runCycle();
  assert.equal(s.failed, 1, 'failed');
  assert.equal(job.state.allEscrow()[0]?.code, 'DuplicateTargetEntries', 'DuplicateTargetEntries');
});
