/**
 * Every defect switches its behaviour on: one short scenario per defect, run on an app with only that defect.
 * The registry is checked too: known requirement IDs, every breakable requirement covered, unique names.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { HarnessError } from '../../core/errors.js';
import { OKTA_REQUIREMENTS, REQUIREMENTS } from '../../core/requirements.js';
import { URN } from '../../core/urns.js';
import { DEFECTS, defectByName } from '../../reference-app/defects/index.js';
import { tlsOptions } from '../../reference-app/http/tls.js';
import { app, createGroup, createUser, entraUser, expectScimError, expectStatus, patchOp, q, resources, send, TOKEN, type Json } from './helpers.js';

type Scenario = (a: FastifyInstance) => Promise<void>;

const ENT = URN.EnterpriseUser;
const get = async (a: FastifyInstance, id: unknown): Promise<Json> => (await send(a, 'GET', `Users/${String(id)}`)).body;
const patchUser = (a: FastifyInstance, id: unknown, ...ops: Json[]) => send(a, 'PATCH', `Users/${String(id)}`, patchOp(...ops));
const patchGroup = (a: FastifyInstance, id: unknown, ...ops: Json[]) => send(a, 'PATCH', `Groups/${String(id)}`, patchOp(...ops));
const memberCount = async (a: FastifyInstance, id: unknown): Promise<number> =>
  ((await send(a, 'GET', `Groups/${String(id)}`)).body.members as unknown[] | undefined)?.length ?? 0;
const found = async (a: FastifyInstance, path: string, filter: string): Promise<number> => {
  const r = await send(a, 'GET', `${path}?filter=${q(filter)}`);
  return Number(r.body.totalResults);
};

const SCENARIOS: Record<string, Scenario> = {
  'paging-fields-as-strings': async (a) => {
    await createUser(a, 'paging@x.org');
    const page = (await send(a, 'GET', 'Users?startIndex=1&count=100')).body;
    assert.deepEqual([page.totalResults, page.startIndex, page.itemsPerPage].map((v) => typeof v), ['string', 'string', 'string'], 'paging fields as strings');
    assert.equal(typeof (await send(a, 'GET', `Users?filter=${q('userName eq "paging@x.org"')}`)).body.totalResults, 'number', 'filtered queries unchanged');
  },
  'placeholder-password-rejected': async (a) => {
    expectStatus(await send(a, 'POST', 'Users', entraUser('pw1@x.org', { password: '1mz050nq' })), 400, 'Okta\'s placeholder refused');
    expectStatus(await send(a, 'POST', 'Users', entraUser('pw2@x.org', { password: 'Str0ngEnough12' })), 201, 'a policy-conform password accepted');
    expectStatus(await send(a, 'POST', 'Users', entraUser('pw3@x.org')), 201, 'no password accepted');
  },
  'put-drops-name': async (a) => {
    const u = await createUser(a, 'putname@x.org', { name: { givenName: 'Ann', familyName: 'Lee' } });
    expectStatus(await send(a, 'PUT', `Users/${String(u.id)}`, { ...u, name: { givenName: 'Bea', familyName: 'Lee' } }), 200, 'PUT answered');
    assert.equal((await get(a, u.id)).name, undefined, 'the name is gone, not changed');
  },
  'put-drops-extension': async (a) => {
    const u = await createUser(a, 'putext@x.org', { schemas: [URN.User, ENT], [ENT]: { department: 'Sales' } });
    expectStatus(await send(a, 'PUT', `Users/${String(u.id)}`, { ...u, title: 'Boss' }), 200, 'PUT answered');
    const after = await get(a, u.id);
    assert.equal(after.title, 'Boss', 'core attributes applied');
    assert.equal((after[ENT] as Json | undefined)?.department, undefined, 'the extension dropped');
  },
  'put-sets-active': async (a) => {
    const u = await createUser(a, 'putactive@x.org');
    expectStatus(await send(a, 'PUT', `Users/${String(u.id)}`, { ...u, active: false, title: 'Gone' }), 200, 'PUT answered');
    const after = await get(a, u.id);
    assert.deepEqual([after.title, after.active], ['Gone', true], 'the PUT applied, its active false ignored');
    expectStatus(await patchUser(a, u.id, { op: 'replace', value: { active: false } }), 200, 'PATCH answered');
    assert.equal((await get(a, u.id)).active, false, 'a PATCH still deactivates');
  },
  'patch-no-path-only-active': async (a) => {
    const u = await createUser(a, 'onlyactive@x.org', { name: { givenName: 'Ann', familyName: 'Lee' } });
    await patchUser(a, u.id, { op: 'replace', value: { name: { givenName: 'Bea' }, active: false } });
    const back = await get(a, u.id);
    assert.deepEqual([(back.name as Json).givenName, back.active], ['Ann', false], 'only active applied from the path-less replace');
    await patchUser(a, u.id, { op: 'replace', path: 'name.givenName', value: 'Cy' }, { op: 'add', value: { title: 'Added' } });
    const later = await get(a, u.id);
    assert.deepEqual([(later.name as Json).givenName, later.title], ['Cy', 'Added'], 'a path, and a path-less add, still work');
  },
  'user-patch-no-path-rejected': async (a) => {
    const u = await createUser(a, 'nopath@x.org');
    expectScimError(await patchUser(a, u.id, { op: 'replace', value: { active: false } }), 400, 'path-less refused', 'invalidPath');
    expectStatus(await patchUser(a, u.id, { op: 'replace', path: 'active', value: false }), 200, 'with a path it works');
  },
  'error-body-plain-text': async (a) => {
    const r = await send(a, 'GET', 'Users/nope');
    assert.equal(r.status, 404, 'still 404');
    assert.match(String(r.headers['content-type']), /^text\/plain/, 'as text/plain');
    assert.equal(r.text.startsWith('404 '), true, `plain text: ${r.text}`);
  },
  'filter-value-uppercase-rejected': async (a) => {
    await createUser(a, 'upper@x.org');
    expectScimError(await send(a, 'GET', `Users?filter=${q('userName eq "UPPER@X.ORG"')}`), 400, 'upper case refused', 'invalidFilter');
    assert.equal(await found(a, 'Users', 'userName eq "upper@x.org"'), 1, 'lower case found');
  },
  'name-dropped-on-get': async (a) => {
    const u = await createUser(a, 'noname@x.org', { name: { givenName: 'Ann', familyName: 'Lee' } });
    assert.equal((await get(a, u.id)).name, undefined, 'no name by id');
    assert.equal((resources(await send(a, 'GET', `Users?filter=${q('userName eq "noname@x.org"')}`))[0]?.name as Json | undefined)?.givenName, 'Ann', 'the list still has it');
  },
  'groups-list-needs-filter': async (a) => {
    await createGroup(a, 'Listed');
    expectScimError(await send(a, 'GET', 'Groups?startIndex=1&count=100'), 400, 'unfiltered list refused', 'invalidFilter');
    assert.equal(await found(a, 'Groups', 'displayName eq "Listed"'), 1, 'a lookup works');
  },
  'group-empty-members-rejected': async (a) => {
    expectScimError(await send(a, 'POST', 'Groups', { schemas: [URN.Group], displayName: 'Empty', members: [] }), 400, 'members: [] refused', 'invalidValue');
    expectStatus(await send(a, 'POST', 'Groups', { schemas: [URN.Group], displayName: 'NoKey' }), 201, 'no members key accepted');
  },
  'no-auth': async (a) => {
    expectStatus(await send(a, 'GET', 'Users', undefined, { authorization: '' }), 200, 'no token accepted');
  },
  'oauth-short-tokens': async () => {
    const o = await import('../../reference-app/app.js').then((m) => m.build({ tokens: [TOKEN], defects: ['oauth-short-tokens'], oauth: { clients: [{ id: 'c', secret: 's-secret' }] } }));
    const r = await o.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials&client_id=c&client_secret=s-secret' });
    assert.equal((JSON.parse(r.body) as Json).expires_in, 600, '10-minute token');
    await o.close();
  },
  'tls-legacy-versions': async () => {
    const hooks = defectByName('tls-legacy-versions')?.install();
    assert.equal(hooks?.tls?.(tlsOptions({ cert: 'c', key: 'k' })).minVersion, 'TLSv1', 'minimum lowered (tls.test.ts handshakes it)');
  },
  'json-content-type': async (a) => {
    assert.match(String((await send(a, 'GET', 'Users')).headers['content-type']), /^application\/json/, 'success as application/json');
    assert.match(String((await send(a, 'GET', 'Users/nope')).headers['content-type']), /^application\/scim\+json/, 'errors unchanged');
  },
  'error-without-detail': async (a) => {
    const body = (await send(a, 'GET', 'Users/nope')).body;
    assert.equal(body.status, '404', 'still a SCIM error with its status');
    assert.equal('detail' in body, false, 'no detail');
  },
  'oauth-wrong-secret-accepted': async () => {
    const o = await import('../../reference-app/app.js').then((m) => m.build({ tokens: [TOKEN], defects: ['oauth-wrong-secret-accepted'], oauth: { clients: [{ id: 'c', secret: 's-secret' }] } }));
    const token = (secret: string, id = 'c') => o.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${id}&client_secret=${secret}` });
    assert.equal((await token('wrong')).statusCode, 200, 'a wrong secret gets a token');
    assert.equal((await token('wrong', 'unknown')).statusCode, 401, 'an unknown client still does not');
    await o.close();
  },
  'status-as-number': async (a) => {
    assert.equal((await send(a, 'GET', 'Users/nope')).body.status, 404, 'numeric status');
  },
  'rate-limit-429': async (a) => {
    const statuses = await Promise.all(Array.from({ length: 60 }, () => send(a, 'GET', 'ServiceProviderConfig')));
    const limited = statuses.filter((r) => r.status === 429);
    assert.ok(limited.length > 0, 'a burst of 60 runs into 429');
    assert.equal(limited[0]?.headers['retry-after'], '1', 'Retry-After');
  },
  'empty-filter-404': async (a) => {
    expectStatus(await send(a, 'GET', `Users?filter=${q('userName eq "nobody"')}`), 404, 'empty filtered result');
    expectStatus(await send(a, 'GET', 'Users'), 200, 'unfiltered empty list');
  },
  'post-returns-200': async (a) => {
    expectStatus(await send(a, 'POST', 'Users', entraUser('p200')), 200, 'user create');
    await createGroup(a, 'still-201');
  },
  'group-post-returns-200': async (a) => {
    expectStatus(await send(a, 'POST', 'Groups', { displayName: 'g200' }), 200, 'group create');
    await createUser(a, 'still-201');
  },
  'string-booleans-rejected-on-create': async (a) => {
    expectStatus(await send(a, 'POST', 'Users', entraUser('sb1', { active: 'True' })), 400, 'string active');
    expectStatus(await send(a, 'POST', 'Users', entraUser('sb2', { emails: [{ value: 'x@y', primary: 'true' }] })), 400, 'string primary');
    await createUser(a, 'sb3');
  },
  'username-not-unique': async (a) => {
    await createUser(a, 'twin');
    await createUser(a, 'twin');
  },
  'username-unique-case-sensitive': async (a) => {
    await createUser(a, 'Case');
    expectStatus(await send(a, 'POST', 'Users', entraUser('Case')), 409, 'same case');
    await createUser(a, 'case');
  },
  'group-displayname-not-unique': async (a) => {
    await createGroup(a, 'twins');
    await createGroup(a, 'twins');
  },
  'reformat-phone': async (a) => {
    const u = await createUser(a, 'phone', { phoneNumbers: [{ type: 'work', value: '4255550100' }] });
    assert.equal((u.phoneNumbers as Json[])[0]?.value, '+1 (425) 555-0100', 'reformatted on create');
    await patchUser(a, u.id, { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '4255550199' });
    assert.equal(((await get(a, u.id)).phoneNumbers as Json[])[0]?.value, '4255550199', 'verbatim through PATCH');
  },
  'roles-dropped-on-create': async (a) => {
    const u = await createUser(a, 'roles', { roles: [{ primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }] });
    assert.equal((await get(a, u.id)).roles, undefined, 'the roles sent on create are not stored');
    await patchUser(a, u.id, { op: 'add', path: 'roles', value: [{ value: 'Admin' }] });
    assert.equal(((await get(a, u.id)).roles as Json[] | undefined)?.[0]?.value, 'Admin', 'roles added by PATCH are kept');
  },
  'user-get-id-mismatch': async (a) => {
    const u = await createUser(a, 'idcase');
    assert.equal((await get(a, u.id)).id, String(u.id).toUpperCase(), 'upper-cased id');
  },
  'unknown-user-200': async (a) => {
    expectStatus(await send(a, 'GET', 'Users/never-was'), 200, 'unknown id');
    const u = await createUser(a, 'gone');
    await send(a, 'DELETE', `Users/${String(u.id)}`);
    expectStatus(await send(a, 'GET', `Users/${String(u.id)}`), 404, 'deleted id');
  },
  'username-eq-as-contains': async (a) => {
    await createUser(a, 'ann@x.org');
    await createUser(a, 'joann@x.org');
    assert.equal(await found(a, 'Users', 'userName eq "ann@x.org"'), 2, 'substring match');
    assert.equal(await found(a, 'Users', 'userName eq "nobody"'), 0, 'no-match probe still empty');
  },
  'username-case-sensitive': async (a) => {
    await createUser(a, 'Mixed@X.org');
    assert.equal(await found(a, 'Users', 'userName eq "mixed@x.org"'), 0, 'other case misses');
    assert.equal(await found(a, 'Users', 'userName eq "Mixed@X.org"'), 1, 'same case finds');
  },
  'filter-externalid-unsupported': async (a) => {
    await createUser(a, 'ext1');
    assert.equal(await found(a, 'Users', 'externalId eq "ext-ext1"'), 0, 'externalId finds nothing');
    assert.equal(await found(a, 'Users', 'userName eq "ext1"'), 1, 'userName still works');
  },
  'filter-email-unsupported': async (a) => {
    expectStatus(await send(a, 'GET', `Users?filter=${q('emails[type eq "work"].value eq "a@b"')}`), 400, 'email filter');
  },
  'filter-and-unsupported': async (a) => {
    expectStatus(await send(a, 'GET', `Users?filter=${q('userName eq "a" and externalId eq "b"')}`), 400, 'and');
    expectStatus(await send(a, 'GET', `Users?filter=${q('emails[type eq "work"].value eq "a@b"')}`), 200, 'value path keeps working');
  },
  'invalid-filter-ignored': async (a) => {
    await createUser(a, 'any');
    const r = await send(a, 'GET', `Users?filter=${q('userName eq')}`);
    expectStatus(r, 200, 'bad filter');
    assert.equal(r.body.totalResults, 1, 'unfiltered');
  },
  'patch-subattribute-replace-ignored': async (a) => {
    const u = await createUser(a, 'sub');
    await patchUser(a, u.id, { op: 'Replace', path: 'name.givenName', value: 'New' }, { op: 'Replace', path: 'title', value: 'T' });
    const back = await get(a, u.id);
    assert.deepEqual([(back.name as Json).givenName, back.title], ['Given', 'T'], 'sub-attribute skipped, title applied');
  },
  'patch-filtered-path-ignored': async (a) => {
    const u = await createUser(a, 'filtered');
    await patchUser(a, u.id, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@x' });
    assert.equal(((await get(a, u.id)).emails as Json[])[0]?.value, 'filtered@contoso.example', 'unchanged');
  },
  'patch-add-ignored-when-absent': async (a) => {
    const u = await createUser(a, 'adder', { title: 'old' });
    await patchUser(a, u.id, { op: 'Add', path: 'nickName', value: 'Nick' }, { op: 'Add', path: 'title', value: 'new' });
    const back = await get(a, u.id);
    assert.deepEqual([back.nickName, back.title], [undefined, 'new'], 'absent skipped, present applied');
  },
  'dotted-keys-literal': async (a) => {
    const u = await createUser(a, 'dotted');
    await patchUser(a, u.id, { op: 'replace', value: { 'name.givenName': 'X', displayName: 'D', [`${ENT}:department`]: 'Dept' } });
    const back = await get(a, u.id);
    assert.deepEqual([(back.name as Json).givenName, back.displayName, (back[ENT] as Json | undefined)?.department], ['Given', 'D', 'Dept'], 'dotted key dropped only');
  },
  'patch-remove-ignored': async (a) => {
    const u = await createUser(a, 'remover', { title: 'stays' });
    await patchUser(a, u.id, { op: 'Remove', path: 'title' });
    assert.equal((await get(a, u.id)).title, 'stays', 'remove skipped');
  },
  'patch-removes-applied-last': async (a) => {
    const u = await createUser(a, 'order');
    await patchUser(a, u.id, { op: 'remove', path: 'externalId' }, { op: 'add', value: { externalId: 'final' } });
    assert.equal((await get(a, u.id)).externalId, undefined, 'remove applied after the add');
  },
  'op-case-sensitive': async (a) => {
    const u = await createUser(a, 'opcase');
    expectStatus(await patchUser(a, u.id, { op: 'REPLACE', path: 'title', value: 'x' }), 400, 'upper case');
    expectStatus(await patchUser(a, u.id, { op: 'Replace', path: 'title', value: 'x' }), 200, 'Entra case');
  },
  'string-booleans-rejected-in-patch': async (a) => {
    const u = await createUser(a, 'sbp');
    expectStatus(await patchUser(a, u.id, { op: 'Replace', path: 'active', value: 'False' }), 400, 'string False');
    expectStatus(await patchUser(a, u.id, { op: 'Replace', path: 'active', value: false }), 200, 'boolean false');
  },
  'string-false-is-truthy': async (a) => {
    const u = await createUser(a, 'truthy');
    await patchUser(a, u.id, { op: 'Replace', path: 'active', value: 'False' });
    assert.equal((await get(a, u.id)).active, true, '"False" stored as true');
  },
  'enterprise-urn-path-ignored': async (a) => {
    const u = await createUser(a, 'ent');
    const mgr = await createUser(a, 'boss');
    await patchUser(a, u.id, { op: 'Add', path: `${ENT}:department`, value: 'Sales' }, { op: 'Add', path: `${ENT}:manager`, value: mgr.id });
    const ext = (await get(a, u.id))[ENT] as Json | undefined;
    assert.deepEqual([ext?.department, (ext?.manager as Json | undefined)?.value], [undefined, mgr.id], 'department skipped, manager applied');
  },
  'manager-bare-string-rejected': async (a) => {
    const u = await createUser(a, 'managed');
    expectStatus(await patchUser(a, u.id, { op: 'Add', path: `${ENT}:manager`, value: 'some-id' }), 400, 'bare string');
    expectStatus(await patchUser(a, u.id, { op: 'Add', path: `${ENT}:manager`, value: { value: 'some-id' } }), 200, '{value}');
  },
  'empty-string-rejected': async (a) => {
    const u = await createUser(a, 'empty', { title: 't' });
    expectStatus(await patchUser(a, u.id, { op: 'Replace', path: 'title', value: '' }), 400, '""');
  },
  'soft-delete-hides-user': async (a) => {
    const u = await createUser(a, 'hidden');
    await patchUser(a, u.id, { op: 'Replace', path: 'active', value: false });
    expectStatus(await send(a, 'GET', `Users/${String(u.id)}`), 404, 'GET hides');
    assert.equal(await found(a, 'Users', 'userName eq "hidden"'), 0, 'filter hides');
  },
  'filter-ignores-soft-deleted': async (a) => {
    const u = await createUser(a, 'invisible');
    await patchUser(a, u.id, { op: 'Replace', path: 'active', value: false });
    assert.equal((await get(a, u.id)).active, false, 'GET shows it');
    assert.equal(await found(a, 'Users', 'userName eq "invisible"'), 0, 'filter hides it');
  },
  'reactivate-ignored': async (a) => {
    const u = await createUser(a, 'lost');
    await patchUser(a, u.id, { op: 'Replace', path: 'active', value: false });
    await patchUser(a, u.id, { op: 'Replace', path: 'active', value: 'True' });
    assert.equal((await get(a, u.id)).active, false, 'still inactive');
  },
  'delete-is-soft': async (a) => {
    const u = await createUser(a, 'undead');
    expectStatus(await send(a, 'DELETE', `Users/${String(u.id)}`), 204, 'delete');
    assert.equal((await get(a, u.id)).active, false, 'still there, inactive');
  },
  'delete-unknown-204': async (a) => {
    expectStatus(await send(a, 'DELETE', 'Users/never-was'), 204, 'unknown id');
  },
  'group-get-id-mismatch': async (a) => {
    const g = await createGroup(a, 'gid');
    assert.equal((await send(a, 'GET', `Groups/${String(g.id)}`)).body.id, String(g.id).toUpperCase(), 'upper-cased');
  },
  'members-always-returned': async (a) => {
    const g = await createGroup(a, 'noisy');
    assert.ok('members' in (await send(a, 'GET', `Groups/${String(g.id)}?excludedAttributes=members`)).body, 'members still there');
  },
  'group-displayname-case-sensitive': async (a) => {
    await createGroup(a, 'Sales');
    assert.equal(await found(a, 'Groups', 'displayName eq "sales"'), 0, 'other case misses');
    assert.equal(await found(a, 'Groups', 'displayName eq "Sales"'), 1, 'same case finds');
  },
  'group-patch-no-path-ignored': async (a) => {
    const g = await createGroup(a, 'before');
    await patchGroup(a, g.id, { op: 'replace', value: { displayName: 'after' } });
    assert.equal((await send(a, 'GET', `Groups/${String(g.id)}`)).body.displayName, 'before', 'unchanged');
  },
  'member-add-only-first': async (a) => {
    const g = await createGroup(a, 'first-only');
    await patchGroup(a, g.id, { op: 'Add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] });
    assert.equal(await memberCount(a, g.id), 1, 'one member');
  },
  'member-batch-limit': async (a) => {
    const g = await createGroup(a, 'batch');
    await patchGroup(a, g.id, { op: 'Add', path: 'members', value: ['1', '2', '3', '4', '5', '6', '7'].map((value) => ({ value })) });
    assert.equal(await memberCount(a, g.id), 5, 'truncated to 5');
    await patchGroup(a, g.id, { op: 'Add', path: 'members', value: [{ value: '8' }, { value: '9' }] });
    assert.equal(await memberCount(a, g.id), 7, 'small batches work');
  },
  'remove-members-clears-all': async (a) => {
    const g = await createGroup(a, 'cleared');
    await patchGroup(a, g.id, { op: 'Add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] });
    await patchGroup(a, g.id, { op: 'Remove', path: 'members', value: [{ value: 'a' }] });
    assert.equal(await memberCount(a, g.id), 0, 'all gone');
  },
  'member-filter-remove-ignored': async (a) => {
    const g = await createGroup(a, 'filter-remove');
    await patchGroup(a, g.id, { op: 'Add', path: 'members', value: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    expectStatus(await patchGroup(a, g.id, { op: 'Remove', path: 'members[value eq "a"]' }), 204, 'acknowledged');
    assert.equal(await memberCount(a, g.id), 3, 'the filtered remove changed nothing');
    await patchGroup(a, g.id, { op: 'Remove', path: 'members', value: [{ value: 'b' }] });
    assert.equal(await memberCount(a, g.id), 2, 'the value-list remove still works');
  },
  'members-replace-ignored': async (a) => {
    const g = await createGroup(a, 'replace-members');
    await patchGroup(a, g.id, { op: 'Add', path: 'members', value: [{ value: 'a' }] });
    await patchGroup(a, g.id, { op: 'replace', path: 'members', value: [{ value: 'x' }, { value: 'y' }] });
    assert.deepEqual(((await send(a, 'GET', `Groups/${String(g.id)}`)).body.members as Json[]).map((m) => m.value), ['a'], 'replace ignored');
  },
  'members-filter-unsupported': async (a) => {
    expectStatus(await send(a, 'GET', `Groups?filter=${q('members.value eq "x"')}`), 400, 'members filter');
  },
  'group-delete-unknown-204': async (a) => {
    expectStatus(await send(a, 'DELETE', 'Groups/no-such-group'), 204, 'unknown group');
    expectStatus(await send(a, 'DELETE', 'Users/no-such-user'), 404, 'users unchanged');
  },
  'group-delete-noop': async (a) => {
    const g = await createGroup(a, 'sticky');
    expectStatus(await send(a, 'DELETE', `Groups/${String(g.id)}`), 204, 'delete');
    expectStatus(await send(a, 'GET', `Groups/${String(g.id)}`), 200, 'still there');
  },
  'items-per-page-wrong': async (a) => {
    await createUser(a, 'ipp');
    assert.equal((await send(a, 'GET', 'Users?count=5')).body.itemsPerPage, 5, 'count, not the one returned');
  },
  // Two resources created in the same millisecond are ordered by id, so the order is read, not assumed.
  'pagination-zero-based': async (a) => {
    await createUser(a, 'z1');
    await createUser(a, 'z2');
    const order = resources(await send(a, 'GET', 'Users')).map((r) => r.id);
    assert.equal(order.length, 2, 'both users listed');
    assert.deepEqual(resources(await send(a, 'GET', 'Users?startIndex=1&count=1')).map((r) => r.id), [order[1]], 'skips the first');
  },
  'group-pagination-ignores-start-index': async (a) => {
    await createGroup(a, 'p1');
    await createGroup(a, 'p2');
    const order = resources(await send(a, 'GET', 'Groups')).map((r) => r.id);
    assert.equal(order.length, 2, 'both groups listed');
    assert.deepEqual(resources(await send(a, 'GET', 'Groups?startIndex=2&count=1')).map((r) => r.id), [order[0]], 'always the first page');
  },
  'no-id-in-projection': async (a) => {
    await createUser(a, 'noid');
    assert.equal(resources(await send(a, 'GET', 'Users?attributes=userName'))[0]?.id, undefined, 'id missing');
  },
  'primary-as-string': async (a) => {
    const u = await createUser(a, 'prim');
    assert.equal(((await get(a, u.id)).emails as Json[])[0]?.primary, 'true', 'string primary');
  },
  'no-meta': async (a) => {
    const u = await createUser(a, 'nometa');
    assert.equal(u.meta, undefined, 'no meta');
  },
  'no-location-header': async (a) => {
    assert.equal((await send(a, 'POST', 'Users', entraUser('noloc'))).headers.location, undefined, 'no Location');
  },
  'schemas-bare-array': async (a) => {
    assert.ok(Array.isArray(JSON.parse((await send(a, 'GET', 'Schemas')).text)), 'bare array');
  },
  'spc-incomplete': async (a) => {
    const r = await send(a, 'GET', 'ServiceProviderConfig');
    assert.deepEqual([r.body.patch, r.body.authenticationSchemes], [{ supported: false }, undefined], 'placeholder SPC');
  },
  'resource-types-no-schemas': async (a) => {
    assert.equal(resources(await send(a, 'GET', 'ResourceTypes'))[0]?.schema, undefined, 'no schema');
  },
  'duplicate-on-match': async (a) => {
    const r = await send(a, 'POST', 'Users', { userName: 'local.user' });
    expectStatus(r, 201, 'app-created user without externalId');
    assert.equal(await found(a, 'Users', 'userName eq "local.user"'), 0, 'not matched');
    await createUser(a, 'local.user');
    await createUser(a, 'provisioned');
    assert.equal(await found(a, 'Users', 'userName eq "provisioned"'), 1, 'IdP users still match');
  },
  'patch-ignored-in-default-dialect': async (a) => {
    const u = await createUser(a, 'dialect');
    expectStatus(await patchUser(a, u.id, { op: 'Replace', path: 'title', value: 'ignored' }), 200, 'acknowledged');
    assert.equal((await get(a, u.id)).title, undefined, 'not applied');
    await patchUser(a, u.id, { op: 'replace', path: 'title', value: 'applied' });
    assert.equal((await get(a, u.id)).title, 'applied', 'RFC case applied');
  },
};

describe('reference app: defects', () => {
  it('registry: unique kebab-case names, known requirement IDs, a scenario each', () => {
    const names = DEFECTS.map((d) => d.name);
    assert.equal(new Set(names).size, names.length, 'names are unique');
    const ids = new Set([...REQUIREMENTS, ...OKTA_REQUIREMENTS].map((r) => r.id));
    for (const d of DEFECTS) {
      assert.match(d.name, /^[a-z0-9]+(-[a-z0-9.]+)*$/, `${d.name} is kebab-case`);
      assert.ok(d.requirements.length > 0, `${d.name} names a requirement`);
      for (const id of d.requirements) assert.ok(ids.has(id), `${d.name} cites unknown ${id}`);
      assert.ok(d.description.length > 20, `${d.name} has a description`);
      assert.ok(SCENARIOS[d.name], `${d.name} has a scenario in this file`);
    }
    assert.deepEqual(Object.keys(SCENARIOS).filter((n) => !defectByName(n)), [], 'no scenario for a missing defect');
  });

  it('registry: every requirement of the catalogue is broken by at least one defect', () => {
    const covered = new Set(DEFECTS.flatMap((d) => d.requirements));
    assert.deepEqual([...REQUIREMENTS, ...OKTA_REQUIREMENTS].map((r) => r.id).filter((id) => !covered.has(id)), [], 'uncovered requirements (both profiles)');
  });

  it('an unknown defect name is a configuration error naming the known ones', () => {
    assert.throws(() => app({ defects: ['no-such-defect'] }), (e: unknown) => e instanceof HarnessError && /no-such-defect.*known: /.test(e.message), 'HarnessError');
  });

  for (const d of DEFECTS) {
    it(`${d.name} (${d.requirements.join(', ')})`, async () => {
      const a = app({ defects: [d.name] });
      try {
        await SCENARIOS[d.name]?.(a);
      } finally {
        await a.close();
      }
    });
  }
});
