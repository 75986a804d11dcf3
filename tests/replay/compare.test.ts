/** Structural comparison (replay/compare.ts): fair to a new build, exact about what differs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareBodies, describeDifference } from '../../replay/compare.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

test('volatile fields, key case, element order and unassigned values never make a difference', () => {
  const recorded = {
    id: 'old', userName: 'a', active: true, nickName: null,
    meta: { resourceType: 'User', created: '2020-01-01', lastModified: '2020-01-02', version: 'W/"1"', location: 'https://old/Users/old' },
    emails: [{ value: 'a@x', type: 'work' }, { value: 'b@x', type: 'home' }],
    groups: [],
    members: [{ value: '7', $ref: 'https://old/Users/7' }],
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  };
  const now = {
    ID: 'new', UserName: 'a', active: true,
    meta: { resourceType: 'User', created: '2026-01-01', location: 'http://new/Users/new' },
    emails: [{ type: 'home', value: 'b@x' }, { type: 'work', value: 'a@x' }],
    members: [{ value: '7', $ref: 'http://new/Users/7' }],
    schemas: [ENTERPRISE, 'urn:ietf:params:scim:schemas:core:2.0:User'],
  };
  assert.deepEqual(compareBodies(recorded, now), []);
});

test('missing, extra and changed values are named with their path, the recorded and the new value', () => {
  const diffs = compareBodies(
    { userName: 'a', name: { givenName: 'A' }, emails: [{ type: 'work', value: 'a@x' }], members: [{ value: '1' }, { value: '2' }], [ENTERPRISE]: { manager: { value: 'm' } }, meta: { resourceType: 'User' } },
    { userName: 'a', name: { givenName: 'B' }, emails: [{ type: 'work', value: 'c@x' }], members: [{ value: '1' }, { value: '3' }], nickName: 'n', meta: { resourceType: 'Group' } },
  ).map(describeDifference);
  // Keys compare without case, so paths read in lower case, in alphabetical order.
  assert.deepEqual(diffs, [
    'emails[value=a@x]: missing now (recorded {"type":"work","value":"a@x"})',
    'emails[value=c@x]: not in the recording (now {"type":"work","value":"c@x"})',
    'members[value=2]: missing now (recorded {"value":"2"})',
    'members[value=3]: not in the recording (now {"value":"3"})',
    'meta.resourcetype: recorded "User", now "Group"',
    'name.givenname: recorded "A", now "B"',
    `${ENTERPRISE.toLowerCase()}: missing now (recorded {"manager":{"value":"m"}})`,
    'nickname: not in the recording (now "n")',
  ]);
  const paired = compareBodies({ emails: [{ type: 'work', value: 'a@x', primary: true }] }, { emails: [{ type: 'work', value: 'a@x', primary: false }] });
  assert.deepEqual(paired.map(describeDifference), ['emails[value=a@x].primary: recorded true, now false'], 'an element with the same value is the same element');
  const manager = compareBodies({ [ENTERPRISE]: { manager: { value: 'm' } } }, { [ENTERPRISE]: { manager: { value: 'n' } } });
  assert.deepEqual(manager.map((d) => d.path), [`${ENTERPRISE.toLowerCase()}:manager.value`], 'an extension attribute is named urn:…:User:manager');
});

test('subset (the implied final state): attributes the recording never showed are not judged, but a member too many is', () => {
  assert.deepEqual(compareBodies({ displayName: 'G', members: [{ value: '1' }] }, { displayName: 'G', externalId: 'x', members: [{ value: '1', display: 'One' }] }, { subset: true }), []);
  const diffs = compareBodies({ members: [{ value: '1' }] }, { members: [{ value: '1' }, { value: '2' }] }, { subset: true });
  assert.deepEqual(diffs.map((d) => d.path), ['members[value=2]']);
});

test('a list answer: Resources compared without order, ids aside', () => {
  const list = (names: string[]): unknown => ({ totalResults: names.length, Resources: names.map((n, i) => ({ id: `${n}-${i}`, userName: n })) });
  assert.deepEqual(compareBodies(list(['a', 'b']), list(['b', 'a'])), []);
  assert.deepEqual(compareBodies(list(['a', 'b']), list(['b'])).map(describeDifference), ['resources[userName=a]: missing now (recorded {"username":"a"})', 'totalresults: recorded 2, now 1']);
});
