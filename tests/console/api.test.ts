// The console's JSON API driven without a socket (fastify inject) over a real state and the reference app:
// paging of directory and logs, the filters, bad input answered with a coded message (never a stack), the guards
// against other sites and hosts, the token never echoed, and a stop that keeps the watermark.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildConsole, CSRF_HEADER } from '../../console/server.js';
import type { ConsoleSession } from '../../console/session.js';
import { adoptMappingsFile, importDirectory, jobStatus, loadDirectoryGenerator, openDb, type Db } from '../../mock-idp/index.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';

const TOKEN = 'console-api-canary-token-7d1e0b';
let target: RunningReferenceApp;
let db: Db;
let app: FastifyInstance;
let session: ConsoleSession;

// `any`: the API answers JSON of many shapes; each test asserts the fields it reads.
interface Answer { status: number; body: any }
async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = { [CSRF_HEADER]: '1' }): Promise<Answer> {
  const res = await app.inject({ method, url, headers: { host: '127.0.0.1:1234', ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  assert.ok(!res.body.includes(TOKEN), `${method} ${url}: the answer does not hold the token`);
  assert.doesNotMatch(res.body, /\n\s+at /, `${method} ${url}: no stack trace in the answer`);
  return { status: res.statusCode, body: res.body.startsWith('{') || res.body.startsWith('[') ? JSON.parse(res.body) : res.body };
}

before(async () => {
  target = await startReferenceApp({ tokens: [TOKEN], defects: ['manager-bare-string-rejected'] });
  db = openDb(':memory:');
  const generate = await loadDirectoryGenerator();
  importDirectory(db, generate({ users: 120, groups: 5, seed: 3, scope: 'groups' }));
  ({ app, session } = buildConsole({ db, stateName: 'memory', concurrency: 4 }));
});
after(async () => {
  await app.close();
  db.close();
  await target.close();
});

describe('guards', () => {
  test('a change without the console header is refused (another site cannot post here)', async () => {
    const r = await call('POST', '/api/provisioning/start', {}, {});
    assert.equal(r.status, 403, 'refused');
    assert.equal(r.body.error.code, 'CONSOLE_FORBIDDEN', 'coded');
  });
  test('a request for another host name is refused (DNS rebinding)', async () => {
    const r = await call('GET', '/api/overview', undefined, { host: 'evil.example:1234' });
    assert.equal(r.status, 403, 'refused');
  });
  test('the page is served with its import map allowed by hash and nothing else inline', async () => {
    const res = await app.inject({ method: 'GET', url: '/', headers: { host: 'localhost' } });
    assert.equal(res.statusCode, 200, 'the page');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self' 'sha256-/, 'CSP names the import map by hash');
    for (const path of ['/vendor/preact.mjs', '/vendor/preact-hooks.mjs', '/vendor/htm.mjs', '/page/main.js', '/page/style.css']) {
      const a = await app.inject({ method: 'GET', url: path, headers: { host: 'localhost' } });
      assert.equal(a.statusCode, 200, `${path} is served`);
    }
    const missing = await call('GET', '/page/../../package.json');
    assert.equal(missing.status, 404, 'no file outside the page');
  });
});

describe('credentials', () => {
  test('actions before credentials say what to enter', async () => {
    const r = await call('POST', '/api/test-connection', {});
    assert.equal(r.status, 409, 'conflict');
    assert.equal(r.body.error.code, 'CONSOLE_NO_CREDENTIALS', 'coded');
    assert.match(r.body.error.message, /tenant URL/, 'names the missing field');
  });
  test('bad tenant URLs get clear messages', async () => {
    for (const [url, message] of [['not a url', /is not a URL/], ['ftp://x/scim', /http or https/], ['https://u:p@x/scim', /Secret Token field/]] as const) {
      const r = await call('PUT', '/api/credentials', { tenantUrl: url, token: TOKEN });
      assert.equal(r.status, 400, `${url}: 400`);
      assert.match(r.body.error.message, message, `${url}: the message`);
    }
    const garbage = await app.inject({ method: 'PUT', url: '/api/credentials', headers: { host: 'localhost', [CSRF_HEADER]: '1', 'content-type': 'application/json' }, payload: '{"tenantUrl": ' });
    assert.equal(garbage.statusCode, 400, 'broken JSON: 400');
    assert.equal(JSON.parse(garbage.body).error.code, 'CONSOLE_BAD_INPUT', 'coded');
  });
  test('saving the token answers only that it is set, and Test Connection passes', async () => {
    const r = await call('PUT', '/api/credentials', { tenantUrl: target.url, token: TOKEN });
    assert.equal(r.status, 200, 'saved');
    assert.deepEqual(r.body, { tenantUrl: target.url, tokenSet: true }, 'no token in the answer');
    const t = await call('POST', '/api/test-connection', {});
    assert.equal(t.body.ok, true, `test connection: ${JSON.stringify(t.body)}`);
    const stored = db.prepare<[], string>("SELECT group_concat(value, ' ') FROM job").pluck().get() ?? '';
    assert.ok(!stored.includes(TOKEN), 'the state holds no token');
  });
});

describe('directory', () => {
  test('pages, search and bad paging', async () => {
    const first = await call('GET', '/api/directory?type=user&limit=50');
    assert.equal(first.body.total, 120, 'total users');
    assert.equal(first.body.items.length, 50, 'one page');
    const last = await call('GET', '/api/directory?type=user&offset=100&limit=50');
    assert.equal(last.body.items.length, 20, 'the last page');
    const one = first.body.items[3];
    const found = await call('GET', `/api/directory?type=user&search=${encodeURIComponent(one.userPrincipalName.toUpperCase())}`);
    assert.deepEqual(found.body.items.map((i: { id: string }) => i.id), [one.id], 'search by UPN, any case');
    const bad = await call('GET', '/api/directory?type=robot&offset=-1');
    assert.equal(bad.status, 400, 'bad type');
    assert.match(bad.body.error.message, /type: expected one of user, group/, 'names the field');
    const groups = await call('GET', '/api/directory?type=group');
    assert.ok(groups.body.items.every((g: { assignment: string }) => g.assignment === 'direct'), 'every generated group is assigned');
  });
  test('edits: rename, block, unassign; and what cannot be done is said', async () => {
    const [u] = (await call('GET', '/api/directory?type=user&limit=1')).body.items;
    const before = jobStatus(db).latestChange;
    assert.equal((await call('POST', '/api/directory/edit', { type: 'user', id: u.id, displayName: 'Renamed Person' })).status, 200, 'rename');
    assert.equal((await call('POST', '/api/directory/edit', { type: 'user', id: u.id, accountEnabled: false })).status, 200, 'block');
    assert.equal(jobStatus(db).latestChange, before + 2, 'each edit is a change the next cycle sees');
    const again = await call('GET', `/api/directory?search=${u.id}`);
    assert.equal(again.body.items[0].displayName, 'Renamed Person', 'renamed');
    assert.equal(again.body.items[0].accountEnabled, false, 'blocked');
    const notDirect = await call('POST', '/api/directory/edit', { type: 'user', id: u.id, assigned: false });
    assert.equal(notDirect.status, 400, 'a user assigned through a group has no direct assignment to remove');
    assert.match(notDirect.body.error.message, /not assigned directly/, 'says why');
    const missing = await call('POST', '/api/directory/edit', { type: 'user', id: 'nobody', displayName: 'x' });
    assert.match(missing.body.error.message, /no user "nobody"/, 'unknown id');
    const nothing = await call('POST', '/api/directory/edit', { type: 'user', id: u.id });
    assert.match(nothing.body.error.message, /say what to change/, 'no change named');
  });
  test('an import with a broken file says where', async () => {
    const r = await call('POST', '/api/directory/import', { format: 'json', name: 'dir.json', text: '{"users": [{"id": 1}]}' });
    assert.equal(r.status, 400, 'refused');
    assert.match(r.body.error.message, /dir\.json/, 'names the file');
  });
});

describe('cycles and logs', () => {
  test('a cycle runs in the background; the overview shows it, then its summary', async () => {
    const start = await call('POST', '/api/provisioning/start', {});
    assert.ok(start.body.running, 'running right after start');
    assert.equal((await call('POST', '/api/provisioning/start', {})).body.error.code, 'CONSOLE_BUSY', 'one cycle at a time');
    await session.settled();
    const o = (await call('GET', '/api/overview')).body;
    assert.equal(o.running, undefined, 'finished');
    assert.equal(o.lastCycle.kind, 'initial', 'the first cycle was initial');
    assert.equal(o.nextCycle, 'incremental', 'the next is incremental');
    assert.ok(o.provisioned.users > 0, 'users provisioned');
    assert.ok(o.lastCycle.failed > 0, 'the defect made failures');
  });
  test('logs page newest first with filters; bad filters say what is wrong; downloads follow the filters', async () => {
    const all = await call('GET', '/api/logs?limit=10');
    assert.equal(all.body.items.length, 10, 'a page');
    assert.ok(all.body.total > 10, 'more in all');
    const failures = await call('GET', '/api/logs?status=failure&limit=200');
    assert.ok(failures.body.total > 0 && failures.body.items.every((e: { provisioningStatusInfo: { status: string } }) => e.provisioningStatusInfo.status === 'failure'), 'only failures');
    const one = failures.body.items[0];
    const byChange = await call('GET', `/api/logs?change=${one.changeId}`);
    assert.deepEqual(byChange.body.items.map((e: { id: string }) => e.id), [one.id], 'by change id');
    const byName = await call('GET', `/api/logs?identity=${encodeURIComponent(one.sourceIdentity.displayName.slice(1, 6).toLowerCase())}`);
    assert.ok(byName.body.items.some((e: { id: string }) => e.id === one.id), 'by part of the name');
    assert.equal((await call('GET', `/api/logs?cycle=${one.cycleId}&job=another.job`)).body.total, 0, 'another job id: nothing');
    const future = await call('GET', '/api/logs?from=2999-01-01T00:00');
    assert.equal(future.body.total, 0, 'date range');
    const bad = await call('GET', '/api/logs?status=broken&limit=x');
    assert.equal(bad.status, 400, 'bad filter');
    const badDate = await call('GET', '/api/logs?from=yesterday');
    assert.match(badDate.body.error.message, /from: expected a date and time/, 'bad date');
    const csv = await call('GET', '/api/logs/download?format=csv&status=failure');
    const rows = String(csv.body).trim().split('\r\n');
    assert.equal(rows.length - 1, failures.body.total, 'the CSV holds the filtered entries');
    const json = await call('GET', '/api/logs/download?format=json&status=failure');
    assert.equal(json.body.length, failures.body.total, 'so does the JSON');
  });
  test('Stop ends a cycle between objects and keeps the watermark; Restart makes the next cycle initial', async () => {
    await call('PUT', '/api/mappings', { input: { ...(await call('GET', '/api/mappings')).body.input, settings: { scope: 'all' } } });
    const watermark = jobStatus(db).watermark;
    await call('POST', '/api/provisioning/start', {});
    await call('POST', '/api/provisioning/stop', {});
    await session.settled();
    const o = (await call('GET', '/api/overview')).body;
    assert.match(o.lastCycle.aborted, /stopped by the admin/, 'the summary says it was stopped');
    assert.equal(jobStatus(db).watermark, watermark, 'the watermark did not move');
    assert.equal(o.quarantine, undefined, 'a stop quarantines nothing');
    await call('POST', '/api/provisioning/restart', { reset: false });
    assert.equal((await call('GET', '/api/overview')).body.nextCycle, 'initial', 'after a restart the next cycle is initial');
  });
});

describe('mappings and on demand', () => {
  test('a bad mapping is refused with the field named; the preview runs an expression on a user', async () => {
    const { input } = (await call('GET', '/api/mappings')).body;
    const broken = structuredClone(input);
    broken.user.attributes[1] = { target: 'active', expression: 'Switch([IsSoftDeleted], ' };
    const r = await call('PUT', '/api/mappings', { input: broken });
    assert.equal(r.status, 400, 'refused');
    assert.match(r.body.error.message, /attributes\[1\].*expression/, 'names the attribute and field');
    const preview = await call('POST', '/api/mappings/preview', { attribute: { target: 'displayName', expression: 'ToUpper([givenName])' }, userId: (await call('GET', '/api/directory?limit=1')).body.items[0].id });
    assert.equal(preview.body.ok, true, `preview: ${JSON.stringify(preview.body)}`);
    assert.equal(preview.body.value, String(preview.body.value).toUpperCase(), 'the expression ran on the user');
    const badPreview = await call('POST', '/api/mappings/preview', { attribute: { target: 'displayName', expression: 'Nope(' }, userId: 'x' });
    assert.match(badPreview.body.error.message, /no user with id "x"/, 'unknown user');
  });
  test('mappings an idp command saved from --mappings FILE are the page\'s mappings (one configuration)', async () => {
    const { input } = (await call('GET', '/api/mappings')).body;
    const edited = structuredClone(input);
    edited.user.attributes.push({ target: 'nickName', constant: 'from --mappings' });
    const file = join(mkdtempSync(join(tmpdir(), 'console-api-')), 'm.json');
    writeFileSync(file, JSON.stringify(edited));
    assert.equal(adoptMappingsFile(db, file).saved, true, 'the file differs from the saved mappings: saved');
    const shown = (await call('GET', '/api/mappings')).body;
    assert.deepEqual([shown.source, shown.input], ['state', edited], 'the page shows what the command saved');
    assert.equal(adoptMappingsFile(db, file).saved, false, 'the same file again saves nothing');
    rmSync(dirname(file), { recursive: true, force: true });
  });
  test('provision on demand (a user; a group with two chosen members) answers the five steps and the redacted exchanges; bad subjects are refused', async () => {
    const [u] = (await call('GET', '/api/directory?offset=7&limit=1')).body.items;
    const r = await call('POST', '/api/provision', { user: u.id });
    assert.equal(r.body.steps.length, 5, 'five steps');
    assert.ok(r.body.exchanges.length > 0, 'the exchanges');
    assert.ok(r.body.exchanges.every((x: { request: { headers: Record<string, string> } }) => x.request.headers.authorization === 'Bearer [REDACTED]'), 'the Authorization header is redacted');
    const [g] = (await call('GET', '/api/directory?type=group&limit=1')).body.items;
    const members = (await call('GET', `/api/directory/members?group=${g.id}`)).body;
    assert.equal(members.total, g.members, 'the member list has every user member of the group');
    const two = members.items.slice(0, 2).map((m: { id: string }) => m.id);
    const group = await call('POST', '/api/provision', { group: g.id, members: two });
    assert.equal(group.body.steps.length, 5, 'five steps for a group');
    const touched = new Set(group.body.logs.map((l: { sourceIdentity: { id: string } }) => l.sourceIdentity.id));
    for (const id of [g.id, ...two]) assert.ok(touched.has(id), `${id} was provisioned with the group`);
    assert.equal((await call('POST', '/api/provision', {})).status, 400, 'nothing chosen');
    assert.match((await call('POST', '/api/provision', { group: 'g', members: ['1', '2', '3', '4', '5', '6'] })).body.error.message, /up to 5 members/, 'six members');
    assert.match((await call('POST', '/api/provision', { user: 'nobody' })).body.error.message, /no user with id "nobody"/, 'unknown user');
  });
});
