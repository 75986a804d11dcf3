import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { URN } from '../../core/urns.js';
import { referenceAppInternals } from '../../reference-app/app.js';
import { app, createGroup, createUser, entraGroup, expectScimError, expectStatus, patchOp, q, resources, send, type Json } from './helpers.js';

const memberIds = (g: Json): string[] => ((g.members as Json[] | undefined) ?? []).map((m) => String(m.value)).sort();

describe('reference app: /Groups', () => {
  let a: FastifyInstance;
  before(() => { a = app(); });
  after(() => a.close());

  it('creates Entra\'s group (extra schema URI, no members) with 201 and rejects a duplicate displayName in any case', async () => {
    const g = await createGroup(a, 'Sales');
    assert.deepEqual(g.schemas, [URN.Group], 'unknown schema URI tolerated and not echoed');
    assert.deepEqual(g.members, [], 'a new group shows an empty member list');
    expectScimError(await send(a, 'POST', 'Groups', entraGroup('SALES')), 409, 'duplicate displayName', 'uniqueness');
  });

  it('adds members in both shapes, removes them in both shapes, and answers group PATCH with 204', async () => {
    const g = await createGroup(a, 'Members');
    const users = await Promise.all(['m1', 'm2', 'm3', 'm4'].map((n) => createUser(a, n)));
    const [u1, u2, u3, u4] = users.map((u) => String(u.id));
    const add = await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: u1 }, { $ref: null, value: u2 }] }));
    expectStatus(add, 204, 'Entra add');
    assert.equal(add.text, '', 'group PATCH has no body');
    expectStatus(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'replace', path: 'members', value: [{ value: u1 }, { value: u2 }, { value: u3 }, { value: u4 }] })), 204, 'validator replace');
    let got = await send(a, 'GET', `Groups/${g.id}`);
    assert.deepEqual(memberIds(got.body), [u1, u2, u3, u4].sort(), 'four members after replace');
    assert.equal(((got.body.members as Json[])[0] as Json).type, 'User', 'member type is stored');
    expectStatus(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: u1 }] })), 204, 'Entra remove');
    expectStatus(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'remove', path: `members[value eq "${u2}"]` })), 204, 'flagged remove');
    got = await send(a, 'GET', `Groups/${g.id}`);
    assert.deepEqual(memberIds(got.body), [u3, u4].sort(), 'only the named members were removed');
    expectStatus(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'remove', path: 'members' })), 204, 'remove all');
    got = await send(a, 'GET', `Groups/${g.id}`);
    assert.deepEqual(memberIds(got.body), [], 'remove without value empties the group');
  });

  it('accepts groups as members and unknown ids (Postman "string id 1"), stored without a type', async () => {
    const g = await createGroup(a, 'Nested');
    const inner = await createGroup(a, 'Inner');
    const r = await send(a, 'PATCH', `Groups/${g.id}`, { id: g.id, schemas: [URN.PatchOp], Operations: [{ op: 'add', path: 'members', value: 'string id 1' }] });
    expectStatus(r, 204, 'bare string member');
    expectStatus(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: inner.id, display: 'Inner' }] })), 204, 'group member');
    const got = await send(a, 'GET', `Groups/${g.id}`);
    const members = got.body.members as Json[];
    assert.deepEqual(members.map((m) => [m.value, m.type, m.display]), [['string id 1', undefined, undefined], [inner.id, 'Group', 'Inner']], 'members with their types');
  });

  it('honours excludedAttributes=members on get and filter, and finds groups by displayName case-insensitively', async () => {
    const g = await createGroup(a, 'Exclude Me');
    const u = await createUser(a, 'excl1');
    await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] }));
    const get = await send(a, 'GET', `Groups/${g.id}?excludedAttributes=members`);
    assert.equal('members' in get.body, false, 'no members key on get');
    const f = await send(a, 'GET', `Groups?excludedAttributes=members&filter=displayName+eq+%22exclude%20me%22`);
    assert.deepEqual(resources(f).map((x) => x.id), [g.id], 'case-insensitive displayName');
    assert.equal('members' in (resources(f)[0] ?? {}), false, 'no members key in the list');
  });

  it('answers reference checks: members.value eq and id eq X and members.value eq Y', async () => {
    const g = await createGroup(a, 'Ref');
    const u = await createUser(a, 'ref1');
    const v = await createUser(a, 'ref2');
    await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] }));
    const hit = await send(a, 'GET', `Groups?filter=${q(`id eq "${g.id}" and members.value eq "${u.id}"`)}&excludedAttributes=members`);
    assert.deepEqual(resources(hit).map((x) => x.id), [g.id], 'member found');
    const miss = await send(a, 'GET', `Groups?filter=${q(`id eq "${g.id}" and members.value eq "${v.id}"`)}`);
    assert.equal(miss.body.totalResults, 0, 'non-member not found');
    const any = await send(a, 'GET', `Groups?filter=${q(`members.value eq "${u.id}"`)}`);
    assert.deepEqual(resources(any).map((x) => x.id), [g.id], 'members.value eq alone');
  });

  it('removes a deleted user from every group, and deletes groups (204 then 404)', async () => {
    const g1 = await createGroup(a, 'Del A');
    const g2 = await createGroup(a, 'Del B');
    const u = await createUser(a, 'leaver');
    for (const g of [g1, g2]) await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] }));
    const before = await send(a, 'GET', `Groups/${g1.id}`);
    expectStatus(await send(a, 'DELETE', `Users/${u.id}`), 204, 'delete user');
    for (const g of [g1, g2]) assert.deepEqual(memberIds((await send(a, 'GET', `Groups/${g.id}`)).body), [], `user gone from ${g.displayName}`);
    const after = await send(a, 'GET', `Groups/${g1.id}`);
    assert.notEqual(after.headers.etag, before.headers.etag, 'losing a member changes the group version');
    expectStatus(await send(a, 'DELETE', `Groups/${g1.id}`), 204, 'delete group');
    expectScimError(await send(a, 'GET', `Groups/${g1.id}`), 404, 'group gone');
    expectScimError(await send(a, 'DELETE', `Groups/${g1.id}`), 404, 'second delete');
  });

  it('patches displayName and externalId with and without path, and PUT replaces the members', async () => {
    const g = await createGroup(a, 'Rename');
    const u = await createUser(a, 'putmember');
    expectStatus(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'Replace', path: 'displayName', value: 'Renamed' })), 204, 'with path');
    expectStatus(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'replace', value: { externalId: 'new-ext' } })), 204, 'without path');
    const r = await send(a, 'PUT', `Groups/${g.id}`, { schemas: [URN.Group], displayName: 'Put Name', members: [{ value: u.id, display: 'VP' }] });
    expectStatus(r, 200, 'PUT group');
    assert.equal(r.body.displayName, 'Put Name', 'PUT displayName');
    assert.equal(r.body.externalId, undefined, 'PUT clears externalId');
    assert.deepEqual((r.body.members as Json[]).map((m) => m.display), ['VP'], 'PUT members with display');
    await createGroup(a, 'Taken');
    expectScimError(await send(a, 'PATCH', `Groups/${g.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'taken' })), 409, 'rename onto a taken name', 'uniqueness');
  });

  it('adds one member to a 10 000-member group without reading the member list', async () => {
    const big = await createGroup(a, 'Big');
    const members = Array.from({ length: 10_000 }, () => ({ value: randomUUID() }));
    expectStatus(await send(a, 'PATCH', `Groups/${big.id}`, patchOp({ op: 'add', path: 'members', value: members })), 204, 'add 10 000');
    const { store } = referenceAppInternals(a);
    const before = store.stats.memberRowsRead;
    const extra = await createUser(a, 'the-10001st');
    expectStatus(await send(a, 'PATCH', `Groups/${big.id}`, patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: extra.id }] })), 204, 'add one more');
    expectStatus(await send(a, 'PATCH', `Groups/${big.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: members[0]?.value }] })), 204, 'remove one');
    expectStatus(await send(a, 'PATCH', `Groups/${big.id}`, patchOp({ op: 'remove', path: `members[value eq "${members[1]?.value}"]` })), 204, 'remove one (flagged)');
    const f = await send(a, 'GET', `Groups?excludedAttributes=members&filter=${q('displayName eq "Big"')}`);
    expectStatus(f, 200, 'Entra\'s group read');
    expectStatus(await send(a, 'GET', `Groups/${big.id}?excludedAttributes=members`), 200, 'get without members');
    assert.equal(store.stats.memberRowsRead - before, 0, 'no membership row was read by the PATCHes or the member-less reads');
    assert.equal(store.memberCount(String(big.id)), 9_999, '10 000 + 1 - 2 members');
  });
});
