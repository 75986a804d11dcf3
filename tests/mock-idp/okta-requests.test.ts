/**
 * Pins Okta's request shapes (mock-idp/okta/requests.ts) against Okta's own SCIM 2.0 reference examples
 * (docs/okta-behaviour.md §1.1; developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20): bodies byte for
 * byte (key order counts), URLs as sent, and the headers on every request, in OIN and App Integration Wizard modes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serializeQuery, type ScimRequest } from '../../core/client/request.js';
import { createOktaRequestBuilder, OKTA_USER_AGENT, placeholderPassword } from '../../mock-idp/index.js';

const oin = createOktaRequestBuilder();
const patchUsers = createOktaRequestBuilder({ userUpdates: 'patch' });
const aiw = createOktaRequestBuilder({ mode: 'aiw' });

function wire(req: ScimRequest): string {
  return `${req.method} ${req.path}${serializeQuery(req.query, req.queryStyle)}`;
}
function sameBytes(req: ScimRequest, doc: string, what: string): void {
  assert.equal(JSON.stringify(req.body), JSON.stringify(JSON.parse(doc)), `${what}: body must equal Okta's example byte for byte`);
}

test('defaults: OIN mode, profile updates by PUT', () => {
  assert.equal(oin.mode, 'oin', 'OIN is the default mode');
  assert.equal(oin.userUpdates, 'put', 'PUT is the default for profile updates');
});

test('Test API Credentials, import pages and the lookup before an assignment go out as Okta sends them', () => {
  assert.equal(wire(oin.testCredentialsUsers()), 'GET /Users?startIndex=1&count=2', 'first credentials probe');
  assert.equal(wire(oin.testCredentialsGroups()), 'GET /Groups?startIndex=1&count=100', 'second credentials probe');
  assert.equal(wire(oin.listUsers(101)), 'GET /Users?startIndex=101&count=100', 'second import page');
  assert.equal(wire(oin.listGroups()), 'GET /Groups?startIndex=1&count=100', 'first group page');
  assert.equal(
    wire(oin.findUser('test.user@okta.local')),
    'GET /Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100',
    'the userName lookup is percent-encoded like Okta\'s reference shows',
  );
  assert.equal(wire(oin.getUser('a/b')), 'GET /Users/a%2Fb', 'ids are path-escaped');
});

test('every request carries Okta\'s User-Agent and Accept headers', () => {
  const all = [
    oin.testCredentialsUsers(), oin.getUser('1'), oin.createUser({ userName: 'u', givenName: 'g', familyName: 'f', email: 'e@x', externalId: '00u1' }),
    oin.setActive('1', false), oin.createGroup('g'), oin.renameGroup('1', 'n'), oin.updateMembers('1', { add: [{ value: '2' }] }), oin.deleteGroup('1'),
  ];
  for (const r of all) {
    assert.equal(r.headers?.['user-agent'], OKTA_USER_AGENT, `${r.step}: User-Agent`);
    assert.equal(r.headers?.accept, 'application/scim+json', `${r.step}: Accept`);
  }
  assert.equal(OKTA_USER_AGENT, 'Okta SCIM Client 1.0.0', 'the documented User-Agent');
});

test('POST /Users: Okta\'s create example, placeholder password included', () => {
  const doc = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local",
    "name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
    "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}`;
  const req = oin.createUser({ userName: 'test.user@okta.local', givenName: 'Test', familyName: 'User', email: 'test.user@okta.local', externalId: '00ujl29u0le5T6Aj10h7', password: '1mz050nq' });
  assert.equal(wire(req), 'POST /Users', 'create goes to POST /Users');
  sameBytes(req, doc, 'create user');
  const generated = oin.createUser({ userName: 'x', givenName: 'X', familyName: 'Y', email: 'x@y', externalId: '00u2' }).body as { password: unknown };
  assert.match(String(generated.password), /^[a-z0-9]{8}$/, 'without one, a placeholder like Okta\'s is generated');
  assert.notEqual(placeholderPassword(), placeholderPassword(), 'placeholders are random');
});

test('profile update: PUT of the object read plus the changes (groups: []), or one path-less PATCH', () => {
  const fetched = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:x:ext'], id: 'u1', userName: 'a', active: true,
    name: { givenName: 'A', familyName: 'B' }, 'urn:x:ext': { level: 3 }, meta: { resourceType: 'User' },
  };
  const put = oin.updateUser('u1', fetched, { 'name.givenName': 'Z' });
  assert.equal(wire(put), 'PUT /Users/u1', 'OIN default: PUT');
  assert.deepEqual(put.body, { ...fetched, name: { givenName: 'Z', familyName: 'B' }, groups: [] }, 'the object read, the change written in, groups: []');
  assert.equal(fetched.name.givenName, 'A', 'the caller\'s object is not changed');
  const patch = patchUsers.updateUser('u1', fetched, { 'name.givenName': 'Z' });
  assert.equal(wire(patch), 'PATCH /Users/u1', '--okta-user-updates patch: PATCH');
  sameBytes(patch, '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"name":{"givenName":"Z"}}}]}', 'profile PATCH');
  assert.equal(wire(createOktaRequestBuilder({ mode: 'aiw', userUpdates: 'patch' }).updateUser('u1', fetched, { title: 'x' })), 'PUT /Users/u1', 'AIW apps PUT whatever the switch says');
});

test('deactivate / reactivate: path-less replace of {active}; AIW: PUT of the object read', () => {
  const doc = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}';
  sameBytes(oin.setActive('u1', false), doc, 'deactivate');
  assert.equal(wire(oin.setActive('u1', true)), 'PATCH /Users/u1', 'reactivate is a PATCH too');
  assert.deepEqual((oin.setActive('u1', true).body as { Operations: unknown[] }).Operations, [{ op: 'replace', value: { active: true } }], 'reactivate');
  const fetched = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'a', active: true };
  const put = aiw.setActive('u1', false, fetched);
  assert.equal(wire(put), 'PUT /Users/u1', 'AIW deactivates by PUT');
  assert.deepEqual(put.body, { ...fetched, active: false, groups: [] }, 'AIW PUT body');
  assert.throws(() => aiw.setActive('u1', false), /fetched resource/, 'AIW without the object read is our own bug');
  sameBytes(oin.setPassword('u1', 'pw'), '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"password":"pw"}}]}', 'password sync');
});

test('groups: create, path-less rename of {id, displayName}, membership in one PATCH, delete', () => {
  sameBytes(oin.createGroup('Test SCIMv2'), '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}', 'group create');
  sameBytes(
    oin.renameGroup('abf4dd94-a4c0-4f67-89c9-76b03340cb9b', 'Test SCIMv2'),
    '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"abf4dd94-a4c0-4f67-89c9-76b03340cb9b","displayName":"Test SCIMv2"}}]}',
    'group rename',
  );
  sameBytes(
    oin.updateMembers('g1', { remove: ['89bb1940-b905-4575-9e7f-6f887cfb368e'], add: [{ value: '23a35c27-23d3-4c03-b4c5-6443c09e7173', display: 'test.user@okta.local' }] }),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"89bb1940-b905-4575-9e7f-6f887cfb368e\\"]"},
      {"op":"add","path":"members","value":[{"value":"23a35c27-23d3-4c03-b4c5-6443c09e7173","display":"test.user@okta.local"}]}]}`,
    'membership PATCH',
  );
  assert.deepEqual((oin.replaceMembers('g1', [{ value: 'u1' }]).body as { Operations: unknown[] }).Operations, [{ op: 'replace', path: 'members', value: [{ value: 'u1' }] }], 'replace of all members');
  assert.equal(wire(oin.deleteGroup('g1')), 'DELETE /Groups/g1', 'group delete');
  const fetched = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1', displayName: 'old', members: [{ value: 'u1' }] };
  const put = aiw.renameGroup('g1', 'new', fetched);
  assert.equal(wire(put), 'PUT /Groups/g1', 'AIW renames by PUT');
  assert.deepEqual(put.body, { ...fetched, displayName: 'new' }, 'AIW keeps the members it read');
});
