/**
 * Okta's provisioning job (mock-idp/okta/) against the reference app on port 0, asserting the exact wire requests
 * through the job's recorded exchanges (docs/okta-behaviour.md §1.1): Test API Credentials, import paging, assign →
 * create with Okta's body, a second sync sending nothing, profile updates by GET + PUT (and PATCH), unassign →
 * path-less PATCH active false with the user kept, re-assign → active true, App Integration Wizard PUTs, group push
 * (create, rename, membership, unlink or delete), and a breaking endpoint whose failure is logged while the sync goes on.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningReferenceApp } from '../../reference-app/server.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import type { Exchange } from '../../core/evidence.js';
import { REDACTED } from '../../core/redact.js';
import { HarnessError } from '../../core/errors.js';
import { openDb, type Db } from '../../mock-idp/db.js';
import type { Assignment, DirectoryInput, DirectoryUser } from '../../mock-idp/directory/types.js';
import { OktaProvisioningJob, restartJob, type OktaJobOptions } from '../../mock-idp/index.js';
import { oktaUserId } from '../../mock-idp/okta/app-profile.js';
import { clientFor, newJob, startFaultProxy, startTarget } from './helpers.js';

let app: RunningReferenceApp;
before(async () => {
  app = await startTarget();
});
after(async () => {
  await app.close();
});

interface Harness {
  job: OktaProvisioningJob;
  client: ScimClient;
  db: Db;
  /** Exchanges recorded since the last call, as `METHOD path?query` with bodies. */
  take(): Exchange[];
}

function okta(url: string, o: Partial<OktaJobOptions> = {}): Harness {
  const client = o.client ?? clientFor(url);
  const db = o.db ?? openDb(':memory:');
  const job = new OktaProvisioningJob({ db, client, shareClient: true, concurrency: 1, ...o });
  let seen = 0;
  return {
    job, client, db,
    take: () => {
      const out = client.exchanges.slice(seen);
      seen = client.exchanges.length;
      return out;
    },
  };
}

/** `METHOD /path?query` relative to the tenant URL. */
const wire = (client: ScimClient, ex: Exchange): string => `${ex.request.method} ${ex.request.url.slice(client.baseUrl.length)}`;
const wires = (client: ScimClient, list: Exchange[]): string[] => list.map((ex) => wire(client, ex));

function user(prefix: string, n: number, extra: Partial<DirectoryUser> = {}): DirectoryUser {
  return { id: `${prefix}-u${n}`, userPrincipalName: `${prefix}.user${n}@example.com`, givenName: `Given${n}`, surname: `Family${n}`, displayName: `Given${n} Family${n}`, mail: `${prefix}.user${n}@example.com`, ...extra };
}

/** Users assigned directly; one group (assigned, so pushed) holding the first two. */
function directory(prefix: string, o: { users?: number; groupMembers?: number[]; groupName?: string; unassign?: number[]; pushGroup?: boolean } = {}): DirectoryInput {
  const users = Array.from({ length: o.users ?? 3 }, (_, i) => user(prefix, i + 1));
  const group = { id: `${prefix}-g1`, displayName: o.groupName ?? `${prefix} Group`, members: (o.groupMembers ?? [1, 2]).map((n) => `${prefix}-u${n}`) };
  const assignments: Assignment[] = users.filter((_, i) => !(o.unassign ?? []).includes(i + 1)).map((u) => ({ principalId: u.id, principalType: 'User' }));
  if (o.pushGroup ?? true) assignments.push({ principalId: group.id, principalType: 'Group' });
  return { users, groups: [group], assignments };
}

async function getTarget(client: ScimClient, path: string): Promise<Record<string, unknown>> {
  const res = await client.fork().send({ method: 'GET', path });
  assert.equal(res.status, 200, `GET ${path} answered ${res.status}`);
  return res.body as Record<string, unknown>;
}

test('Test API Credentials: GET /Users?startIndex=1&count=2, then GET /Groups?startIndex=1&count=100, with Okta\'s headers', async () => {
  const { job, client } = okta(app.url);
  const r = await job.testCredentials();
  assert.ok(r.ok, `both probes pass: ${JSON.stringify(r.checks)}`);
  assert.deepEqual(wires(client, r.exchanges), ['GET /Users?startIndex=1&count=2', 'GET /Groups?startIndex=1&count=100'], 'the two probes, in order');
  for (const ex of r.exchanges) {
    assert.equal(ex.request.headers['user-agent'], 'Okta SCIM Client 1.0.0', 'Okta\'s User-Agent');
    assert.equal(ex.request.headers.accept, 'application/scim+json', 'Okta\'s Accept');
  }

  const proxy = await startFaultProxy(app.url);
  try {
    proxy.fault = (req) => (req.path.startsWith('/Groups') ? { status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: '0', Resources: [] } } : undefined);
    const bad = await okta(proxy.url).job.testCredentials();
    assert.equal(bad.ok, false, 'a string totalResults fails the credentials test');
    assert.match(bad.checks[1]?.message ?? '', /totalResults is "0", not a JSON integer/, `the Groups probe names the field: ${JSON.stringify(bad.checks)}`);
    assert.equal(bad.checks[0]?.ok, true, 'the Users probe still passes');
  } finally {
    await proxy.close();
  }
});

test('assign → lookup by userName, then POST /Users with Okta\'s body; a second sync sends nothing', async () => {
  const { job, client, take } = okta(app.url);
  job.importDirectory(directory('assign', { users: 1, pushGroup: false }));
  const s = await job.runCycle();
  assert.deepEqual([s.kind, s.created, s.failed], ['initial', 1, 0], `one user created: ${JSON.stringify(s)}`);
  const ex = take();
  assert.deepEqual(wires(client, ex), [
    'GET /Users?filter=userName%20eq%20%22assign.user1%40example.com%22&startIndex=1&count=100',
    'POST /Users',
  ], 'the lookup, then the create');
  const body = ex[1]?.request.body as Record<string, unknown>;
  assert.equal(JSON.stringify(body), JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'assign.user1@example.com', name: { givenName: 'Given1', familyName: 'Family1' },
    emails: [{ primary: true, value: 'assign.user1@example.com', type: 'work' }], displayName: 'Given1 Family1', locale: 'en-US',
    externalId: oktaUserId('assign-u1'), groups: [], password: REDACTED, active: true,
  }), 'Okta\'s create body, key order included; the placeholder password is there (redacted in the record)');
  assert.match(String(body.externalId), /^00u[A-Za-z0-9]{17}$/, 'externalId is an Okta-like user id');
  for (const e of ex) assert.equal(e.request.headers['user-agent'], 'Okta SCIM Client 1.0.0', `${e.request.method}: Okta's User-Agent`);

  const targetId = job.targetIdOf('user', 'assign-u1') as string;
  const t = await getTarget(client, `/Users/${targetId}`);
  assert.equal(t.active, true, 'the target user is active');
  const logs = job.provisioningLogs({ cycleId: s.cycleId });
  assert.deepEqual(logs.map((l) => [l.provisioningAction, l.provisioningStatusInfo.status]), [['create', 'success']], 'one create in the logs');
  assert.equal(logs[0]?.sourceSystem.displayName, 'Okta', 'the log entry is marked as Okta\'s');
  assert.equal(logs[0]?.initiatedBy.displayName, 'Okta provisioning (scim-conform mock IdP)', 'initiated by Okta\'s provisioning');

  const again = await job.runCycle();
  assert.deepEqual([again.kind, again.requests, again.created + again.updated + again.disabled], ['incremental', 0, 0], 'nothing changed: nothing sent');
  assert.deepEqual(take(), [], 'no exchange on the second sync');
});

test('a user already in the target is linked, not created', async () => {
  const seedClient = clientFor(app.url);
  const pre = await seedClient.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'linked.user1@example.com', name: { givenName: 'Given1', familyName: 'Family1' }, active: true } });
  assert.equal(pre.status, 201, 'seed user created');
  const { job, client, take } = okta(app.url);
  job.importDirectory(directory('linked', { users: 1, pushGroup: false }));
  const s = await job.runCycle();
  assert.deepEqual([s.created, s.updated, s.failed], [0, 1, 0], `linked and its profile pushed: ${JSON.stringify(s)}`);
  const ex = take();
  assert.deepEqual(wires(client, ex).map((w) => w.replace(/\/Users\/[^?]+$/, '/Users/{id}')), [
    'GET /Users?filter=userName%20eq%20%22linked.user1%40example.com%22&startIndex=1&count=100', 'GET /Users/{id}', 'PUT /Users/{id}',
  ], 'one hit: linked, then the profile pushed by GET + PUT; no POST');
  assert.equal(job.targetIdOf('user', 'linked-u1'), (pre.body as { id: string }).id, 'linked to the existing user');
});

test('profile change → GET /Users/{id}, then PUT of the object read plus the change', async () => {
  const { job, client, take } = okta(app.url);
  const dir = directory('put', { users: 1, pushGroup: false });
  job.importDirectory(dir);
  await job.runCycle();
  take();
  const id = job.targetIdOf('user', 'put-u1') as string;
  job.importDirectory({ ...dir, users: [{ ...(dir.users[0] as DirectoryUser), givenName: 'Renamed' }] });
  const s = await job.runCycle();
  assert.deepEqual([s.updated, s.failed], [1, 0], `one update: ${JSON.stringify(s)}`);
  const ex = take();
  assert.deepEqual(wires(client, ex), [`GET /Users/${id}`, `PUT /Users/${id}`], 'GET, then PUT');
  const fetched = ex[0]?.response?.body as Record<string, unknown>;
  const expected = { ...fetched, name: { ...(fetched.name as object), givenName: 'Renamed' }, groups: [] };
  assert.deepEqual(ex[1]?.request.body, expected, 'the PUT body is the object read with the new givenName (and groups: [])');
  assert.equal((await getTarget(client, `/Users/${id}`)).name && ((await getTarget(client, `/Users/${id}`)).name as { givenName: string }).givenName, 'Renamed', 'the target has the new name');
  const log = job.provisioningLogs({ cycleId: s.cycleId })[0];
  assert.deepEqual(log?.modifiedProperties, [{ displayName: 'name.givenName', oldValue: 'Given1', newValue: 'Renamed' }], 'the log names the change');
});

test('profile change with --okta-user-updates patch → one path-less PATCH, no GET', async () => {
  const { job, client, take } = okta(app.url, { userUpdates: 'patch' });
  const dir = directory('patchu', { users: 1, pushGroup: false });
  job.importDirectory(dir);
  await job.runCycle();
  take();
  const id = job.targetIdOf('user', 'patchu-u1') as string;
  job.importDirectory({ ...dir, users: [{ ...(dir.users[0] as DirectoryUser), surname: 'Changed' }] });
  await job.runCycle();
  const ex = take();
  assert.deepEqual(wires(client, ex), [`PATCH /Users/${id}`], 'one PATCH');
  assert.deepEqual(ex[0]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { name: { familyName: 'Changed' } } }] }, 'a path-less replace of the change');
  assert.equal(ex[0]?.response?.status, 200, 'the reference app takes it');
  assert.equal(((await getTarget(client, `/Users/${id}`)).name as { familyName: string }).familyName, 'Changed', 'the target has the change');
});

test('unassign → PATCH active false (the user stays); re-assign → PATCH active true; never a DELETE', async () => {
  const { job, client, take } = okta(app.url);
  const dir = directory('unassign', { users: 2, pushGroup: false });
  job.importDirectory(dir);
  await job.runCycle();
  take();
  const id = job.targetIdOf('user', 'unassign-u2') as string;
  job.importDirectory(directory('unassign', { users: 2, pushGroup: false, unassign: [2] }));
  const off = await job.runCycle();
  assert.deepEqual([off.disabled, off.deleted, off.failed], [1, 0, 0], `one deactivation: ${JSON.stringify(off)}`);
  let ex = take();
  assert.deepEqual(wires(client, ex), [`PATCH /Users/${id}`], 'one PATCH');
  assert.deepEqual(ex[0]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] }, 'path-less replace of active false');
  assert.equal((await getTarget(client, `/Users/${id}`)).active, false, 'the user still exists, inactive');
  assert.equal(job.provisioningLogs({ cycleId: off.cycleId })[0]?.provisioningAction, 'disable', 'logged as a disable');

  job.importDirectory(dir);
  const on = await job.runCycle();
  assert.deepEqual([on.updated, on.failed], [1, 0], `one reactivation: ${JSON.stringify(on)}`);
  ex = take();
  assert.deepEqual(wires(client, ex), [`PATCH /Users/${id}`], 'one PATCH: the profile is as pushed');
  assert.deepEqual(ex[0]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] }, 'path-less replace of active true');
  assert.equal((await getTarget(client, `/Users/${id}`)).active, true, 'active again');

  job.importDirectory({ ...dir, users: [dir.users[0] as DirectoryUser, { ...(dir.users[1] as DirectoryUser), accountEnabled: false }] });
  await job.runCycle();
  job.importDirectory({ ...dir, users: [dir.users[0] as DirectoryUser] });
  await job.runCycle();
  assert.ok(!wires(client, take()).some((w) => w.startsWith('DELETE')), 'blocking and deleting in the directory send no DELETE');
  assert.equal((await getTarget(client, `/Users/${id}`)).active, false, 'a blocked user is deactivated, and a deleted one stays so');
});

test('App Integration Wizard mode: deactivation and profile updates are GET, then PUT', async () => {
  const { job, client, take } = okta(app.url, { mode: 'aiw' });
  const dir = directory('aiw', { users: 1, pushGroup: false });
  job.importDirectory(dir);
  await job.runCycle();
  take();
  const id = job.targetIdOf('user', 'aiw-u1') as string;
  job.importDirectory({ ...dir, users: [{ ...(dir.users[0] as DirectoryUser), givenName: 'Wizard' }] });
  await job.runCycle();
  const update = take();
  assert.deepEqual(wires(client, update), [`GET /Users/${id}`, `PUT /Users/${id}`], 'a profile update: GET, then PUT');
  assert.equal(((update[1]?.request.body as { name: { givenName: string } }).name).givenName, 'Wizard', 'the PUT carries the change');
  job.importDirectory(directory('aiw', { users: 1, pushGroup: false, unassign: [1] }));
  await job.runCycle();
  const ex = take();
  assert.deepEqual(wires(client, ex), [`GET /Users/${id}`, `PUT /Users/${id}`], 'GET, then PUT');
  const fetched = ex[0]?.response?.body as Record<string, unknown>;
  assert.deepEqual(ex[1]?.request.body, { ...fetched, active: false, groups: [] }, 'the object read with active false');
  assert.equal((await getTarget(client, `/Users/${id}`)).active, false, 'deactivated by the PUT');
});

test('group push: POST with members [], rename by path-less replace of {id, displayName}, one membership PATCH; unlink or DELETE', async () => {
  const { job, client, take } = okta(app.url);
  job.importDirectory(directory('grp', { users: 3 }));
  const s = await job.runCycle();
  assert.deepEqual([s.created, s.failed], [4, 0], `3 users and 1 group: ${JSON.stringify(s)}`);
  const ex = take().filter((e) => e.request.url.includes('/Groups'));
  const gid = job.targetIdOf('group', 'grp-g1') as string;
  const [u1, u2, u3] = ['grp-u1', 'grp-u2', 'grp-u3'].map((u) => job.targetIdOf('user', u) as string);
  assert.deepEqual(wires(client, ex), ['POST /Groups', `PATCH /Groups/${gid}`, `PATCH /Groups/${gid}`], 'create, then the rename Okta sends with every membership update, then the members');
  assert.equal(JSON.stringify(ex[0]?.request.body), JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'grp Group', members: [] }), 'Okta\'s group create body');
  assert.deepEqual(ex[1]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { id: gid, displayName: 'grp Group' } }] }, 'path-less replace of {id, displayName}');
  assert.deepEqual(ex[2]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: u1, display: 'Given1 Family1' }, { value: u2, display: 'Given2 Family2' }] }] }, 'members added in one op');
  const members = async (): Promise<string[]> => (((await getTarget(client, `/Groups/${gid}`)).members as Array<{ value: string }> | undefined) ?? []).map((m) => m.value).sort();
  assert.deepEqual(await members(), [u1, u2].sort(), 'the target group has both members');

  job.importDirectory(directory('grp', { users: 3, groupName: 'grp Renamed' }));
  await job.runCycle();
  let g = take();
  assert.deepEqual(wires(client, g), [`PATCH /Groups/${gid}`], 'a rename is one PATCH');
  assert.deepEqual(g[0]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { id: gid, displayName: 'grp Renamed' } }] }, 'path-less replace of {id, displayName}');
  assert.equal((await getTarget(client, `/Groups/${gid}`)).displayName, 'grp Renamed', 'renamed in the target');

  job.importDirectory(directory('grp', { users: 3, groupName: 'grp Renamed', groupMembers: [1, 3] }));
  await job.runCycle();
  g = take();
  assert.deepEqual(wires(client, g), [`PATCH /Groups/${gid}`, `PATCH /Groups/${gid}`], 'the rename Okta sends along, then one membership PATCH');
  assert.deepEqual(g[1]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [
    { op: 'remove', path: `members[value eq "${u2}"]` }, { op: 'add', path: 'members', value: [{ value: u3, display: 'Given3 Family3' }] },
  ] }, 'remove by filter and add, mixed in one PATCH');
  assert.deepEqual(await members(), [u1, u3].sort(), 'the target group has the new members');

  job.importDirectory(directory('grp', { users: 3, groupName: 'grp Renamed', groupMembers: [1, 3], pushGroup: false }));
  const unlinked = await job.runCycle();
  assert.deepEqual(take(), [], 'a group no longer pushed is unlinked without a request');
  assert.equal(unlinked.deleted, 0, 'nothing deleted');
  assert.equal(job.targetIdOf('group', 'grp-g1'), undefined, 'the link is gone');
  await getTarget(client, `/Groups/${gid}`);
});

test('App Integration Wizard mode: a group\'s members and name go in one PUT of the group read', async () => {
  const { job, client, take } = okta(app.url, { mode: 'aiw' });
  job.importDirectory(directory('aiwg', { users: 2 }));
  await job.runCycle();
  const gid = job.targetIdOf('group', 'aiwg-g1') as string;
  const [u1, u2] = ['aiwg-u1', 'aiwg-u2'].map((u) => job.targetIdOf('user', u) as string);
  const ex = take().filter((e) => e.request.url.includes('/Groups'));
  assert.deepEqual(wires(client, ex), ['POST /Groups', `GET /Groups/${gid}`, `PUT /Groups/${gid}`], 'create, then GET and PUT for the members');
  const fetched = ex[1]?.response?.body as Record<string, unknown>;
  assert.deepEqual(ex[2]?.request.body, { ...fetched, displayName: 'aiwg Group', members: [{ value: u1, display: 'Given1 Family1' }, { value: u2, display: 'Given2 Family2' }] }, 'the group read with the members');
  const members = ((await getTarget(client, `/Groups/${gid}`)).members as Array<{ value: string }>).map((m) => m.value).sort();
  assert.deepEqual(members, [u1, u2].sort(), 'the target group has both members');
});

test('deleteGroups: a group no longer pushed is deleted with DELETE /Groups/{id}', async () => {
  const { job, client, take } = okta(app.url, { deleteGroups: true });
  job.importDirectory(directory('gdel', { users: 1, groupMembers: [1] }));
  await job.runCycle();
  const gid = job.targetIdOf('group', 'gdel-g1') as string;
  take();
  job.importDirectory(directory('gdel', { users: 1, groupMembers: [1], pushGroup: false }));
  const s = await job.runCycle();
  assert.deepEqual(wires(client, take()), [`DELETE /Groups/${gid}`], 'one DELETE');
  assert.equal(s.deleted, 1, 'counted as deleted');
  const res = await client.fork().send({ method: 'GET', path: `/Groups/${gid}` });
  assert.equal(res.status, 404, 'gone from the target');
});

test('import: pages of 100 until totalResults, matches linked by userName, nothing created afterwards', async () => {
  const seed = clientFor(app.url);
  const names = Array.from({ length: 120 }, (_, i) => `imp.user${i + 1}@example.com`);
  await Promise.all(names.map(async (userName, i) => {
    const res = await seed.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: `Given${i + 1}`, familyName: `Family${i + 1}` }, active: true } });
    assert.equal(res.status, 201, `seed ${userName}`);
  }));
  const total = Number(((await seed.send({ method: 'GET', path: '/Users', query: [['count', '0']] })).body as { totalResults: number }).totalResults);
  const groupsTotal = Number(((await seed.send({ method: 'GET', path: '/Groups', query: [['count', '0']] })).body as { totalResults: number }).totalResults);
  const { job, client, take } = okta(app.url);
  job.importDirectory(directory('imp', { users: 3, pushGroup: false }));
  const r = await job.importFromTarget();
  assert.deepEqual(r.problems, [], 'the reference app pages as Okta needs');
  assert.equal(r.users.imported, total, `every user read once (${total})`);
  assert.deepEqual([r.users.matched, r.users.linked], [3, 3], 'the 3 directory users matched by userName and linked');
  const expected = [
    ...Array.from({ length: Math.ceil(total / 100) }, (_, i) => `GET /Users?startIndex=${i * 100 + 1}&count=100`),
    ...Array.from({ length: Math.max(1, Math.ceil(groupsTotal / 100)) }, (_, i) => `GET /Groups?startIndex=${i * 100 + 1}&count=100`),
  ];
  assert.deepEqual(wires(client, take()), expected, 'pages of 100, Users then Groups, until totalResults');
  const s = await job.runCycle();
  assert.equal(s.created, 0, `linked users are not created again: ${JSON.stringify(s)}`);
  assert.ok(!wires(client, take()).some((w) => w.startsWith('POST /Users') || w.startsWith('GET /Users?filter')), 'no lookup and no create for imported users');
});

test('import judges the paging: a target that ignores startIndex on /Groups is logged as unstable, the import goes on', async () => {
  const broken = await startTarget(['group-pagination-ignores-start-index']);
  try {
    const seed = clientFor(broken.url);
    await Promise.all(Array.from({ length: 105 }, async (_, i) => {
      const res = await seed.send({ method: 'POST', path: '/Groups', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `page-group-${i}` } });
      assert.equal(res.status, 201, 'seed group');
    }));
    const { job } = okta(broken.url);
    const r = await job.importFromTarget();
    assert.equal(r.ok, false, 'the import has problems');
    assert.ok(r.problems.some((p) => /GET \/Groups\?startIndex=101&count=100: \d+ resource\(s\) already read on an earlier page: the order is not stable/.test(p)), `the repeated page is named: ${JSON.stringify(r.problems)}`);
    assert.equal(r.groups.imported, 100, 'only the first page\'s groups are distinct');
    const warnings = job.provisioningLogs({ status: 'warning' });
    assert.ok(warnings.some((w) => /not stable/.test(w.provisioningStatusInfo.errorInformation?.reason ?? '')), 'the problem is in the provisioning logs');
  } finally {
    await broken.close();
  }
});

test('a breaking endpoint: the failed create is logged, the sync goes on, the next sync creates it', async () => {
  const proxy = await startFaultProxy(app.url);
  try {
    proxy.fault = (req) => (req.method === 'POST' && req.body.includes('break.user2@') ? { status: 500, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'database unavailable' } } : undefined);
    const { job } = okta(proxy.url);
    job.importDirectory(directory('break', { users: 3, pushGroup: false }));
    const s = await job.runCycle();
    assert.deepEqual([s.created, s.failed], [2, 1], `two created, one failed: ${JSON.stringify(s)}`);
    const failure = job.provisioningLogs({ status: 'failure' });
    assert.equal(failure.length, 1, 'one failure logged');
    assert.equal(failure[0]?.sourceIdentity.id, 'break-u2', 'the failing user');
    assert.equal(failure[0]?.provisioningStatusInfo.errorInformation?.errorCode, 'InternalServerError', 'its error code');
    assert.match(failure[0]?.provisioningStatusInfo.errorInformation?.reason ?? '', /POST \/Users answered 500: database unavailable/, 'its reason carries the endpoint\'s detail');
    proxy.fault = undefined;
    const again = await job.runCycle();
    assert.deepEqual([again.created, again.failed], [1, 0], 'the next sync creates it');
  } finally {
    await proxy.close();
  }
});

test('a target refusing the path-less group PATCH: the push is logged as failed, the members wait, the next sync retries', async () => {
  const proxy = await startFaultProxy(app.url);
  try {
    // Strict servers answer 400 to Okta's path-less replace of {id, displayName} (docs/okta-behaviour.md §1.3).
    proxy.fault = (req) => (req.method === 'PATCH' && req.path.startsWith('/Groups/') && !req.body.includes('"path"')
      ? { status: 400, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'noTarget', detail: 'path is required' } } : undefined);
    const { job, client, take } = okta(proxy.url);
    job.importDirectory(directory('strict', { users: 2 }));
    const s = await job.runCycle();
    assert.deepEqual([s.created, s.failed], [2, 1], `the users are created, the group push fails: ${JSON.stringify(s)}`);
    const gid = job.targetIdOf('group', 'strict-g1') as string;
    assert.ok(gid, 'the group itself was created and linked');
    assert.deepEqual(wires(client, take().filter((e) => e.request.url.includes('/Groups'))), ['POST /Groups', `PATCH /Groups/${gid}`], 'no membership PATCH after the refused rename');
    const failure = job.provisioningLogs({ status: 'failure' })[0];
    assert.deepEqual([failure?.sourceIdentity.id, failure?.provisioningAction, failure?.targetIdentity.id], ['strict-g1', 'update', gid], 'logged as a failed update of the linked group');
    assert.match(failure?.provisioningStatusInfo.errorInformation?.reason ?? '', /answered 400 \(scimType noTarget\): path is required/, 'with the endpoint\'s detail');
    proxy.fault = undefined;
    const again = await job.runCycle();
    assert.deepEqual([again.updated, again.failed], [1, 0], 'the next sync pushes the members');
    assert.deepEqual(wires(client, take()), [`PATCH /Groups/${gid}`, `PATCH /Groups/${gid}`], 'the rename, then the members');
  } finally {
    await proxy.close();
  }
});

test('one profile per state: Entra\'s job refuses an Okta state and Okta\'s job an Entra state with links', async () => {
  const { db, job } = okta(app.url);
  job.importDirectory(directory('own', { users: 1, pushGroup: false }));
  await job.runCycle();
  assert.throws(() => newJob(app.url, { db }), (e: unknown) => e instanceof HarnessError && e.code === 'HARNESS_CONFIG' && /--profile okta/.test(e.message), 'Entra\'s job on an Okta state');
  restartJob(db, true);
  assert.doesNotThrow(() => newJob(app.url, { db }), 'a restart with reset frees the state for Entra');
  const entraDb = openDb(':memory:');
  const entra = newJob(app.url, { db: entraDb });
  entra.importDirectory(directory('own-entra', { users: 1, pushGroup: false }));
  await entra.runCycle();
  assert.throws(() => okta(app.url, { db: entraDb }), (e: unknown) => e instanceof HarnessError && e.code === 'HARNESS_CONFIG' && /Entra profile/.test(e.message), 'Okta\'s job on an Entra state with links');
});
