/**
 * Cycles against the reference app (port 0): an initial cycle of a generated 1 000-user, 50-group directory
 * leaves the target equal to the directory under the mappings; then edits, unassignment, disabling, soft and
 * hard deletes and reassignment each produce Entra's requests and the right target state, in both dialects.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningReferenceApp } from '../../reference-app/server.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import { generate } from '../../mock-idp/directory/generate.js';
import type { DirectoryInput, DirectoryUser } from '../../mock-idp/directory/types.js';
import { userSource } from '../../mock-idp/directory/source-view.js';
import { evaluateMappings, loadMappings } from '../../mock-idp/mappings/mappings.js';
import { readPath } from '../../core/filter/index.js';
import type { ProvisioningJob } from '../../mock-idp/cycles/job.js';
import { managerIdOf } from '../../mock-idp/cycles/values.js';
import { clientFor, listAll, newJob, recordingClient, startTarget, type Seen } from './helpers.js';

let app: RunningReferenceApp;
before(async () => {
  app = await startTarget();
});
after(async () => {
  await app.close();
});

const same = (a: unknown, b: unknown): boolean => {
  const norm = (v: unknown): unknown => (typeof v === 'boolean' ? String(v) : typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

/** Asserts that the target holds exactly the in-scope users and groups, with the mapped values, managers and members. */
async function assertTargetEqualsDirectory(job: ProvisioningJob, client: ScimClient, dir: DirectoryInput, prefix: string): Promise<void> {
  const mappings = loadMappings();
  const users = (await listAll(client, 'Users')).filter((u) => String(u.userName).startsWith(prefix));
  const byName = new Map(users.map((u) => [String(u.userName).toLowerCase(), u]));
  const idOf = new Map(dir.users.map((u) => [u.id, byName.get(u.userPrincipalName.toLowerCase())?.id]));
  assert.equal(users.length, dir.users.length, `the target holds exactly the ${dir.users.length} users (found ${users.length})`);
  for (const u of dir.users) {
    const t = byName.get(u.userPrincipalName.toLowerCase());
    assert.ok(t, `user ${u.userPrincipalName} is in the target`);
    const values = evaluateMappings(mappings.user, { get: userSource(u, { isSoftDeleted: false, appRoles: [] }), now: () => new Date() }, { create: true });
    for (const [path, v] of Object.entries(values)) {
      if (v === null || v === undefined || v === '') continue;
      assert.ok(same(readPath(t, path), v), `${u.userPrincipalName} ${path}: expected ${JSON.stringify(v)}, target has ${JSON.stringify(readPath(t, path))}`);
    }
    assert.equal(managerIdOf(t), u.manager ? idOf.get(u.manager) : null, `${u.userPrincipalName} manager`);
    assert.equal(job.state.link('user', u.id)?.targetId, t.id, `${u.userPrincipalName} link`);
  }
  const groups = (await listAll(client, 'Groups')).filter((g) => String(g.displayName).startsWith(prefix));
  assert.equal(groups.length, dir.groups?.length ?? 0, 'the target holds exactly the groups');
  for (const g of dir.groups ?? []) {
    const t = groups.find((x) => x.displayName === g.displayName);
    assert.ok(t, `group ${g.displayName} is in the target`);
    assert.equal(t.externalId, g.id, `group ${g.displayName} externalId ← objectId`);
    const members = ((t.members as Array<{ value: string }> | undefined) ?? []).map((m) => m.value).sort();
    assert.deepEqual(members, (g.members ?? []).map((m) => idOf.get(m)).sort(), `group ${g.displayName} members`);
  }
}

test('an initial cycle of a generated 1 000-user, 50-group directory leaves the target equal to the directory', async () => {
  const prefix = 'init1k-';
  const dir = generate({ users: 1000, groups: 50, seed: 42, prefix });
  const client = clientFor(app.url);
  const job = newJob(app.url, { client });
  job.dir.importDirectory(dir);
  const s = await job.runCycle();
  assert.equal(s.kind, 'initial', 'first cycle is initial');
  assert.deepEqual([s.created, s.failed, s.skipped], [1050, 0, 0], `1 000 users and 50 groups created, none failed (${JSON.stringify(s)})`);
  const withManager = dir.users.filter((u) => u.manager).length;
  const groupsWithMembers = (dir.groups ?? []).filter((g) => g.members?.length).length;
  assert.equal(s.references, withManager + groupsWithMembers, 'one manager PATCH per managed user, membership PATCHes per group');
  await assertTargetEqualsDirectory(job, client, dir, prefix);
  const again = await job.runCycle();
  assert.deepEqual([again.kind, again.requests], ['incremental', 0], 'nothing changed: the next cycle sends nothing');
});

/** A small directory with explicit assignments so unassigning means something (members of the assigned group are in scope through it). */
function smallDirectory(prefix: string): DirectoryInput {
  const u = (n: number, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
    id: `${prefix}u${n}`, userPrincipalName: `${prefix}user${n}@contoso.example`, displayName: `User ${n}`, givenName: `Given${n}`, surname: `Sur${n}`,
    mail: `${prefix}user${n}@contoso.example`, mailNickname: `${prefix}user${n}`, jobTitle: 'Engineer', accountEnabled: true, ...extra,
  });
  const users = [u(1), u(2, { manager: `${prefix}u1` }), u(3), u(4), u(5), u(6)];
  return {
    users,
    groups: [{ id: `${prefix}g1`, displayName: `${prefix}Group 1`, members: [`${prefix}u1`, `${prefix}u2`, `${prefix}u3`] }],
    assignments: [...users.map((x) => ({ principalId: x.id })), { principalId: `${prefix}g1` }],
  };
}
const clone = (d: DirectoryInput): DirectoryInput => JSON.parse(JSON.stringify(d)) as DirectoryInput;
const writes = (seen: Seen[]): Seen[] => seen.filter((x) => x.method !== 'GET');

for (const dialect of ['default', 'aadOptscim062020'] as const) {
  test(`[${dialect}] edits, unassign, disable, soft and hard delete, reassign: Entra's requests and the target state`, async () => {
    const flagged = dialect === 'aadOptscim062020';
    const P = flagged ? 'lcf-' : 'lcd-';
    const { client, seen } = recordingClient(app.url);
    const job = newJob(app.url, { client, dialect });
    let dir = smallDirectory(P);
    job.dir.importDirectory(dir);
    const first = await job.runCycle();
    assert.deepEqual([first.created, first.failed], [7, 0], 'six users and one group created');
    const tid = (n: number): string => job.state.link('user', `${P}u${n}`)?.targetId as string;
    const getUser = async (n: number): Promise<Record<string, unknown>> => (await client.send({ method: 'GET', path: `/Users/${tid(n)}` })).body as Record<string, unknown>;
    const sync = async (next: DirectoryInput): Promise<Seen[]> => {
      seen.length = 0;
      job.dir.importDirectory(next);
      const s = await job.runCycle();
      assert.equal(s.failed, 0, `no failures (${JSON.stringify(s)})`);
      return writes(seen);
    };

    // Edit: one GET of the linked user, one PATCH with only the change.
    dir = clone(dir);
    (dir.users[0] as DirectoryUser).jobTitle = 'Principal Engineer';
    (dir.users[0] as DirectoryUser).surname = 'Renamed';
    let w = await sync(dir);
    assert.deepEqual(seen.filter((x) => x.method === 'GET').map((x) => x.path), [`/Users/${tid(1)}`], 'read the linked user by id');
    const expectedEdit = flagged
      ? { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { title: 'Principal Engineer', 'name.familyName': 'Renamed', 'name.formatted': 'Given1 Renamed' } }] }
      : { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [
        { op: 'Replace', path: 'title', value: 'Principal Engineer' },
        { op: 'Replace', path: 'name.familyName', value: 'Renamed' },
        { op: 'Replace', path: 'name.formatted', value: 'Given1 Renamed' },
      ] };
    assert.deepEqual(w, [{ method: 'PATCH', path: `/Users/${tid(1)}`, body: expectedEdit, status: flagged ? 200 : 200 }], 'one PATCH in the dialect');
    assert.equal((await getUser(1)).title, 'Principal Engineer', 'edit reached the target');

    // Unassign u2 (directly and from the assigned group), block sign-in of u3, soft-delete u4, hard-delete u5:
    // three disables and a DELETE.
    dir = clone(dir);
    dir.assignments = dir.assignments?.filter((a) => a.principalId !== `${P}u2`);
    dir.groups = dir.groups?.map((g) => ({ ...g, members: g.members?.filter((m) => m !== `${P}u2`) }));
    (dir.users[2] as DirectoryUser).accountEnabled = false;
    (dir.users[3] as DirectoryUser).deletedDateTime = '2026-01-01T00:00:00Z';
    const u5 = tid(5);
    dir.users = dir.users.filter((x) => x.id !== `${P}u5`);
    w = await sync(dir);
    const disable = flagged ? { op: 'replace', path: 'active', value: false } : { op: 'Replace', path: 'active', value: 'False' };
    for (const n of [2, 3, 4]) {
      const patch = w.find((x) => x.method === 'PATCH' && x.path === `/Users/${tid(n)}`);
      assert.deepEqual((patch?.body as { Operations: unknown[] } | undefined)?.Operations, [disable], `u${n}: PATCH active=false (§3.3.1) and nothing else`);
      const t = await getUser(n);
      assert.equal(t.active, false, `u${n} is inactive in the target`);
    }
    assert.ok(w.some((x) => x.method === 'DELETE' && x.path === `/Users/${u5}`), 'hard delete → DELETE /Users/{id}');
    assert.equal((await client.send({ method: 'GET', path: `/Users/${u5}` })).status, 404, 'the deleted user is gone');
    const removal = w.find((x) => x.method === 'PATCH' && x.path.startsWith('/Groups/'));
    const g1 = job.state.link('group', `${P}g1`)?.targetId as string;
    assert.deepEqual((removal?.body as { Operations: unknown[] } | undefined)?.Operations, flagged
      ? [{ op: 'remove', path: `members[value eq "${tid(2)}"]` }]
      : [{ op: 'Remove', path: 'members', value: [{ value: tid(2) }] }], 'the unassigned member leaves the group in the dialect\'s shape (§3.3.4)');
    const group = (await client.send({ method: 'GET', path: `/Groups/${g1}` })).body as { members?: Array<{ value: string }> };
    assert.deepEqual(group.members?.map((m) => m.value).sort(), [tid(1), tid(3)].sort(), 'u1 and u3 (disabled but in scope) stay members');

    // Reassign u2, unblock u3, restore u4: active=true on the same target ids, no duplicates.
    const before2 = tid(2);
    dir = clone(dir);
    dir.assignments?.push({ principalId: `${P}u2` });
    dir.groups = dir.groups?.map((g) => ({ ...g, members: [...(g.members ?? []), `${P}u2`] }));
    (dir.users[2] as DirectoryUser).accountEnabled = true;
    delete (dir.users[3] as DirectoryUser).deletedDateTime;
    w = await sync(dir);
    assert.equal(w.filter((x) => x.method === 'POST').length, 0, 'no POST: restored, not re-created');
    const enable = flagged ? { op: 'replace', path: 'active', value: true } : { op: 'Replace', path: 'active', value: 'True' };
    for (const n of [2, 3, 4]) {
      const patch = w.find((x) => x.method === 'PATCH' && x.path === `/Users/${tid(n)}`);
      assert.deepEqual((patch?.body as { Operations: unknown[] } | undefined)?.Operations, [enable], `u${n}: PATCH active=true`);
      assert.equal((await getUser(n)).active, true, `u${n} active again`);
    }
    assert.equal(tid(2), before2, 'u2 keeps its target id');
    const all = (await listAll(client, 'Users')).filter((u) => String(u.userName).startsWith(P));
    assert.equal(all.length, 5, 'five users, no duplicates');
    const members = ((await client.send({ method: 'GET', path: `/Groups/${g1}` })).body as { members?: Array<{ value: string }> }).members?.map((m) => m.value).sort();
    assert.deepEqual(members, [tid(1), tid(2), tid(3)].sort(), 'u2 is a member again');
    assert.equal(managerIdOf(await getUser(2)), tid(1), 'u2 keeps its manager');

    // Manager removed in the source → Remove of the enterprise manager (Q8).
    dir = clone(dir);
    delete (dir.users[1] as DirectoryUser).manager;
    w = await sync(dir);
    assert.deepEqual((w.find((x) => x.path === `/Users/${tid(2)}` && x.method === 'PATCH')?.body as { Operations: unknown[] }).Operations,
      [{ op: flagged ? 'remove' : 'Remove', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' }], 'manager removed');
    assert.equal(managerIdOf(await getUser(2)), null, 'no manager in the target');

    // Unassign the group: Entra deletes it in the target (§4.4); its members stay assigned directly.
    dir = clone(dir);
    dir.assignments = dir.assignments?.filter((a) => a.principalId !== `${P}g1`);
    w = await sync(dir);
    assert.deepEqual(w.map((x) => `${x.method} ${x.path}`), [`DELETE /Groups/${g1}`], 'unassigned group deleted');
    const logs = job.logs.query({ action: 'delete' });
    assert.ok(logs.some((l) => l.sourceIdentity.id === `${P}g1` && l.provisioningStatusInfo.status === 'success'), 'logged as a delete');
  });
}

test('users already in the target are matched, not duplicated (CYCLE-MATCH-EXISTING)', async () => {
  const P = 'match-';
  const dir = smallDirectory(P);
  const { client, seen } = recordingClient(app.url);
  const pre = await client.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${P}USER1@contoso.example`, title: 'Old title', active: false } });
  assert.equal(pre.status, 201, 'pre-existing user created');
  seen.length = 0;
  const job = newJob(app.url, { client });
  job.dir.importDirectory(dir);
  const s = await job.runCycle();
  assert.deepEqual([s.created, s.updated, s.failed], [6, 1, 0], `five users and the group created, one matched and updated (${JSON.stringify(s)})`);
  assert.equal(seen.filter((x) => x.method === 'POST' && x.path === '/Users').length, 5, 'no POST for the matched user');
  assert.equal(job.state.link('user', `${P}u1`)?.targetId, (pre.body as { id: string }).id, 'linked to the existing user');
  const t = (await client.send({ method: 'GET', path: `/Users/${(pre.body as { id: string }).id}` })).body as Record<string, unknown>;
  assert.deepEqual([t.title, t.active], ['Engineer', true], 'its values and active were brought in line');
  const users = (await listAll(client, 'Users')).filter((u) => String(u.userName).toLowerCase().startsWith(P));
  assert.equal(users.length, 6, 'six users, no duplicate');
});

test('restart keeps links (no duplicates); restart with reset re-matches everything by filter', async () => {
  const P = 'restart-';
  const { client, seen } = recordingClient(app.url);
  const job = newJob(app.url, { client });
  job.dir.importDirectory(smallDirectory(P));
  await job.runCycle();
  job.restart(false);
  seen.length = 0;
  let s = await job.runCycle();
  assert.equal(s.kind, 'initial', 'restart → initial cycle');
  assert.equal(writes(seen).length, 0, 'nothing to write: every object is linked and in sync');
  assert.ok(seen.every((x) => !x.path.includes('filter=')), 'linked objects are read by id, not matched');
  job.restart(true);
  seen.length = 0;
  s = await job.runCycle();
  assert.deepEqual([s.created, s.failed], [0, 0], 'reset: nothing created');
  assert.equal(seen.filter((x) => x.path.startsWith('/Users?filter=userName')).length, 6, 'every user matched again by userName');
  assert.equal(seen.filter((x) => x.path.startsWith('/Groups?excludedAttributes=members&filter=displayName')).length, 1, 'the group matched by displayName');
  assert.equal(writes(seen).filter((x) => x.method === 'POST').length, 0, 'no duplicates');
});

test('two partitions split the work and together provision everything', async () => {
  const P = 'part-';
  const dir = generate({ users: 40, groups: 2, seed: 3, prefix: P });
  const first = newJob(app.url, { partition: { index: 1, count: 2 } });
  first.dir.importDirectory(dir);
  const a = await first.runCycle();
  const b = await newJob(app.url, { db: (first.dir as unknown as { db: import('../../mock-idp/db.js').Db }).db, partition: { index: 2, count: 2 } }).runCycle();
  assert.ok(a.created > 0 && b.created > 0, `both partitions worked (${a.created} + ${b.created})`);
  assert.equal(a.created + b.created, 42, 'together: every user and group exactly once');
  const users = (await listAll(clientFor(app.url), 'Users')).filter((u) => String(u.userName).startsWith(P));
  assert.equal(users.length, 40, 'all users in the target');
});

test('the legacy reference check (§2.4 Example 4) precedes a manager update when enabled', async () => {
  const P = 'refchk-';
  const { client, seen } = recordingClient(app.url);
  const job = newJob(app.url, { client, referenceCheck: true });
  const dir = smallDirectory(P);
  job.dir.importDirectory(dir);
  await job.runCycle();
  const check = seen.findIndex((x) => x.path.startsWith('/Users?filter=id+eq+') && x.path.includes('+and+manager+eq+') && x.path.endsWith('&attributes=id'));
  const set = seen.findIndex((x) => x.method === 'PATCH' && JSON.stringify(x.body).includes('enterprise:2.0:User:manager'));
  assert.ok(check >= 0, 'GET /Users?filter=id eq X and manager eq Y&attributes=id sent');
  assert.ok(set > check, 'then the manager PATCH (the target did not have it yet)');
  const next = clone(dir);
  (next.users[1] as DirectoryUser).manager = `${P}u3`;
  job.dir.importDirectory(next);
  seen.length = 0;
  await job.runCycle();
  assert.deepEqual(seen.filter((x) => x.method === 'PATCH').map((x) => (x.body as { Operations: Array<{ op: string }> }).Operations[0]?.op), ['Replace'], 'a changed manager is a Replace');
});
