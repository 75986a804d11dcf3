/** The Entra request shapes of docs/entra-behaviour.md §2 and §3.3, the validator bodies of §5.3 and the Postman PATCHes of §7.3. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForWrite } from '../../../reference-app/scim/coerce.js';
import { emptyGroup, ENT, entraUser, ext, patch, type Json } from './helpers.js';

describe('Entra documented requests (docs/entra-behaviour.md §2)', () => {
  it('§2.1.5 updates a work email by value filter and the family name', () => {
    const r = patch(entraUser(), [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ]);
    assert.deepEqual(r.resource.emails, [{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }], 'email value replaced in place');
    assert.deepEqual(r.resource.name, { formatted: 'givenName familyName', familyName: 'updatedFamilyName', givenName: 'givenName' },
      'only familyName changed');
  });

  it('§2.1.6 replaces userName', () => {
    const r = patch(entraUser(), [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }]);
    assert.equal(r.resource.userName, '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com', 'userName');
  });

  it('§2.1.7 disables with a boolean and Operations before schemas', () => {
    const r = patch(entraUser(), [{ op: 'Replace', path: 'active', value: false }]);
    assert.equal(r.resource.active, false, 'active false');
  });

  it('§2.2.4 replaces a group displayName', () => {
    const r = patch(emptyGroup(), [{ op: 'Replace', path: 'displayName', value: '1879db59updatedDisplayName' }], 'Group');
    assert.equal(r.resource.displayName, '1879db59updatedDisplayName', 'displayName');
  });

  it('§2.2.5 adds a member sent with "$ref": null', () => {
    const r = patch(emptyGroup(), [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }], 'Group');
    assert.deepEqual(r.membersAdded, [{ value: 'f648f8d5ea4e4cd38e9c' }], 'null $ref dropped');
    assert.deepEqual(r.membersRemoved, [], 'nothing removed');
    assert.equal('members' in r.resource, false, 'members stay outside the resource');
  });

  it('§2.2.6 removes only the listed member (value array on remove)', () => {
    const g = { ...emptyGroup(), members: [{ value: 'f648f8d5ea4e4cd38e9c' }, { value: 'keep' }] };
    const r = patch(g, [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }], 'Group');
    assert.deepEqual(r.resource.members, [{ value: 'keep' }], 'the other member stays');
    assert.deepEqual(r.membersRemoved, ['f648f8d5ea4e4cd38e9c'], 'delta removes one id, not all');
  });

  it('§2.4 example 5 adds a manager at "manager" as [{$ref, value}]', () => {
    const r = patch(entraUser(), [{
      op: 'Add', path: 'manager',
      value: [{ $ref: 'http://x/scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee', value: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' }],
    }]);
    assert.deepEqual(ext(r.resource)?.manager,
      { $ref: 'http://x/scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee', value: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' },
      'stored in the enterprise extension as one object');
    assert.equal('manager' in r.resource, false, 'not at the top level');
  });
});

describe('Entra PATCH dialects (docs/entra-behaviour.md §3.3): both forms give the same result', () => {
  it('§3.3.1 disables with "False" and with false', () => {
    const legacy = patch(entraUser(), [{ op: 'Replace', path: 'active', value: 'False' }]);
    const flagged = patch(entraUser(), [{ op: 'replace', path: 'active', value: false }]);
    assert.equal(legacy.resource.active, false, 'string False stored as boolean false');
    assert.deepEqual(legacy.resource, flagged.resource, 'same result');
    const back = patch(legacy.resource, [{ op: 'Replace', path: 'active', value: 'True' }]);
    assert.equal(back.resource.active, true, 'string True re-activates (USER-REACTIVATE)');
  });

  it('§3.3.2 adds nickName with Add and add', () => {
    const legacy = patch(entraUser(), [{ op: 'Add', path: 'nickName', value: 'Babs' }]);
    const flagged = patch(entraUser(), [{ op: 'add', path: 'nickName', value: 'Babs' }]);
    assert.equal(legacy.resource.nickName, 'Babs', 'nickName set');
    assert.deepEqual(legacy.resource, flagged.resource, 'same result');
  });

  it('§3.3.3 replaces several attributes one op each, or path-less with dotted and URN keys', () => {
    const legacy = patch(entraUser(), [
      { op: 'Replace', path: 'displayName', value: 'Pvlo' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
      { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
      { op: 'Replace', path: 'externalId', value: 'Eqpj' },
      { op: 'Replace', path: `${ENT}:employeeNumber`, value: 'Eqpj' },
    ]);
    const flagged = patch(entraUser(), [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
      { op: 'replace', value: { displayName: 'Pvlo', 'name.givenName': 'Gtfd', 'name.familyName': 'Pkqf', externalId: 'Eqpj', [`${ENT}:employeeNumber`]: 'Eqpj' } },
    ]);
    assert.equal(legacy.resource.displayName, 'Pvlo', 'displayName');
    assert.deepEqual(legacy.resource.name, { formatted: 'givenName familyName', familyName: 'Pkqf', givenName: 'Gtfd' }, 'name parts');
    assert.deepEqual(ext(legacy.resource), { employeeNumber: 'Eqpj', department: 'Sales' }, 'employeeNumber, department kept');
    assert.deepEqual(flagged.resource, legacy.resource, 'the two dialects agree');
    assert.equal('name.givenName' in flagged.resource, false, 'dotted keys are paths, not stored literally');
    assert.equal(`${ENT}:employeeNumber` in flagged.resource, false, 'URN keys are paths, not stored literally');
  });

  it('§3.3.4 removes one member in both shapes, never all', () => {
    const g = { ...emptyGroup(), members: [{ value: 'u1091' }, { value: '7f4bc1a3-285e-48ae-8202-5accb43efb0e' }, { value: 'other' }] };
    const legacy = patch(g, [{ op: 'Remove', path: 'members', value: [{ value: 'u1091' }] }], 'Group');
    assert.deepEqual(legacy.resource.members, [{ value: '7f4bc1a3-285e-48ae-8202-5accb43efb0e' }, { value: 'other' }], 'legacy shape');
    const flagged = patch(g, [{ op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }], 'Group');
    assert.deepEqual(flagged.resource.members, [{ value: 'u1091' }, { value: 'other' }], 'flagged shape');
  });

  it('Q7/Q8 sets the manager as a bare id at the URN path and removes it', () => {
    const set = patch(entraUser(), [{ op: 'Add', path: `${ENT}:manager`, value: 'mgr-1' }]);
    assert.deepEqual(ext(set.resource)?.manager, { value: 'mgr-1' }, 'bare id stored as {value}');
    const removed = patch(set.resource, [{ op: 'Remove', path: `${ENT}:manager` }]);
    assert.equal(ext(removed.resource)?.manager, undefined, 'manager removed');
    assert.equal(ext(removed.resource)?.department, 'Sales', 'the rest of the extension stays');
  });

  it('Q11 replaces roles[primary eq "True"].value with a string boolean in the filter', () => {
    const u = { ...entraUser(), roles: [{ primary: true, value: 'old', type: 'WindowsAzureActiveDirectoryRole' }, { value: 'x' }] };
    const r = patch(u, [{ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'new' }]);
    assert.deepEqual(r.resource.roles, [{ primary: true, value: 'new', type: 'WindowsAzureActiveDirectoryRole' }, { value: 'x' }], 'primary role updated');
  });

  it('Q12 accepts capitalised sub-attribute names in paths', () => {
    const u = { ...entraUser(), emails: [{ type: 'other', value: 'a@b.c' }] };
    const r = patch(u, [{ op: 'Replace', path: 'emails[type eq "other"].Value', value: 'z@b.c' }]);
    assert.deepEqual(r.resource.emails, [{ type: 'other', value: 'z@b.c' }], 'canonical key "value" updated');
  });
});

describe('SCIM Validator bodies (docs/entra-behaviour.md §5.3)', () => {
  /** The validator's schema-discovery user: string "true" primaries. */
  const validatorUser = (): Json => normalizeForWrite(JSON.parse('{"externalId":"3edfc07a-51da-4c05-976f-5f3e62e88ba6","name":{"formatted":"Jewell","familyName":"Emily","givenName":"Hyman","middleName":"Jerad","honorificPrefix":"Burnice","honorificSuffix":"Coleman"},"displayName":"RGTTAFGXEIAX","nickName":"HPLMVMRBDEPR","profileUrl":"TCYMYDEEFUYX","title":"QCLIYGGCOSDO","userType":"KGZITNPDIAGR","preferredLanguage":"shi-Latn-MA","locale":"YUFQUHXUYXJK","timezone":"America/Detroit","active":true,"emails":[{"primary":"true","value":"sylvan@hilpert.ca"}],"phoneNumbers":[{"primary":"true","value":"61-392-9473"}],"addresses":[{"primary":"true","formatted":"YHQPTMKREXJR","streetAddress":"36774 Junior Fort","locality":"BRFNAIYEWFFE","region":"GLKQIFJDIPRP","postalCode":"dq96 3ia","country":"Estonia"}],"userName":"adrianna_jenkins@jewessupton.com","schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}'), 'User', 'create');

  it('test 6 body A replaces attributes by primary filters and a path-less object', () => {
    const bodyA = JSON.parse('{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"emails[primary eq true].value","value":"jackeline.graham@thompson.co.uk"},{"op":"replace","path":"phoneNumbers[primary eq true].value","value":"15-532-3301"},{"op":"replace","path":"addresses[primary eq true].formatted","value":"HKHVBPXOTLPU"},{"op":"replace","path":"addresses[primary eq true].streetAddress","value":"5603 Gusikowski Overpass"},{"op":"replace","path":"addresses[primary eq true].locality","value":"QJQLYXFKNQES"},{"op":"replace","path":"addresses[primary eq true].region","value":"BHJLXPTIQJRP"},{"op":"replace","path":"addresses[primary eq true].postalCode","value":"ad39 0tr"},{"op":"replace","path":"addresses[primary eq true].country","value":"Bahrain"},{"op":"replace","value":{"externalId":"c7145de2-8d09-4d3f-ad32-73f3ad2f7dc3","name.formatted":"Theresa","name.familyName":"Mateo","name.givenName":"Leanne","name.middleName":"Keyshawn","name.honorificPrefix":"Petra","name.honorificSuffix":"Donald","displayName":"WPMGMAPZZZOG","nickName":"XRVKUQQEWTWM","profileUrl":"MVFHUEKNWNOZ","title":"KDDASUUSXZHZ","userType":"KHPEVIFITFOF","preferredLanguage":"en-SC","locale":"PHSYYLKOBPWW","timezone":"Africa/Lubumbashi","active":true}}]}') as Json;
    const r = patch(validatorUser(), bodyA.Operations as unknown[]);
    const u = r.resource;
    assert.deepEqual(u.emails, [{ primary: true, value: 'jackeline.graham@thompson.co.uk' }], 'email (string "true" stored as true, so the filter matches)');
    assert.deepEqual(u.phoneNumbers, [{ primary: true, value: '15-532-3301' }], 'phone');
    assert.deepEqual(u.addresses, [{
      primary: true, formatted: 'HKHVBPXOTLPU', streetAddress: '5603 Gusikowski Overpass', locality: 'QJQLYXFKNQES',
      region: 'BHJLXPTIQJRP', postalCode: 'ad39 0tr', country: 'Bahrain',
    }], 'address, every field');
    assert.deepEqual(u.name, { formatted: 'Theresa', familyName: 'Mateo', givenName: 'Leanne', middleName: 'Keyshawn', honorificPrefix: 'Petra', honorificSuffix: 'Donald' },
      'name from dotted keys');
    for (const [k, v] of Object.entries({ externalId: 'c7145de2-8d09-4d3f-ad32-73f3ad2f7dc3', displayName: 'WPMGMAPZZZOG', nickName: 'XRVKUQQEWTWM',
      profileUrl: 'MVFHUEKNWNOZ', title: 'KDDASUUSXZHZ', userType: 'KHPEVIFITFOF', preferredLanguage: 'en-SC', locale: 'PHSYYLKOBPWW',
      timezone: 'Africa/Lubumbashi', active: true })) {
      assert.equal(u[k], v, `${k} set by the path-less replace`);
    }
  });

  it('test 7 replaces userName without a path', () => {
    const r = patch(validatorUser(), [{ op: 'replace', value: { userName: 'delpha@mullerwintheiser.biz' } }]);
    assert.equal(r.resource.userName, 'delpha@mullerwintheiser.biz', 'userName');
  });

  it('test 8 disables', () => {
    assert.equal(patch(validatorUser(), [{ op: 'replace', path: 'active', value: false }]).resource.active, false, 'active false');
  });

  it('tests 9–11 add, replace and remove the manager (both remove forms)', () => {
    const added = patch(validatorUser(), [{ op: 'add', path: `${ENT}:manager`, value: { value: 'AXTKDLNRKMKT' } }]);
    assert.deepEqual(ext(added.resource), { manager: { value: 'AXTKDLNRKMKT' } }, 'manager set');
    assert.deepEqual(added.resource.schemas, ['urn:ietf:params:scim:schemas:core:2.0:User', ENT], 'schemas gains the extension');
    const replaced = patch(added.resource, [{ op: 'replace', path: `${ENT}:manager`, value: { value: 'CBEQXYNPNAZS' } }]);
    assert.deepEqual(ext(replaced.resource), { manager: { value: 'CBEQXYNPNAZS' } }, 'manager changed');
    const removed = patch(replaced.resource, [{ op: 'remove', path: `${ENT}:manager` }]);
    assert.equal(ext(removed.resource), undefined, 'extension gone with its last attribute');
    assert.deepEqual(removed.resource.schemas, ['urn:ietf:params:scim:schemas:core:2.0:User'], 'schemas drops the extension');
    const emptied = patch(replaced.resource, [{ op: 'replace', path: `${ENT}:manager`, value: { value: '' } }]);
    assert.equal(ext(emptied.resource), undefined, '{"value":""} clears the manager');
  });

  it('tests 20–21 replace group externalId and displayName without a path', () => {
    const a = patch(emptyGroup(), [{ op: 'replace', value: { externalId: '9a2c03ee-ef37-4de5-85fa-4816379096f6' } }], 'Group');
    assert.equal(a.resource.externalId, '9a2c03ee-ef37-4de5-85fa-4816379096f6', 'externalId');
    const b = patch(emptyGroup(), [{ op: 'replace', value: { displayName: 'ADSHOEMEQYJL' } }], 'Group');
    assert.equal(b.resource.displayName, 'ADSHOEMEQYJL', 'displayName');
  });

  it('test 22 adds a member with replace on members', () => {
    const r = patch(emptyGroup(), [{ op: 'replace', path: 'members', value: [{ value: '03985ec1-b8d7-4b07-a2ac-407589004051' }] }], 'Group');
    assert.equal(r.membersRemoved, 'all', 'replace sets the list');
    assert.deepEqual(r.membersAdded, [{ value: '03985ec1-b8d7-4b07-a2ac-407589004051' }], 'the member');
  });

  it('test 23 removes one of two members by filter', () => {
    const setup = patch({ ...emptyGroup(), members: [] }, [{ op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'ee90548a-11dd-4795-b3ac-9cfcd99232bc' }] }], 'Group');
    const r = patch(setup.resource, [{ op: 'remove', path: 'members[value eq "ee90548a-11dd-4795-b3ac-9cfcd99232bc"]' }], 'Group');
    assert.deepEqual(r.resource.members, [{ value: 'a' }], 'only the other member remains');
  });

  it('P1 applies several operations on different attributes', () => {
    const r = patch(validatorUser(), [
      { op: 'remove', path: 'nickName' },
      { op: 'add', value: { externalId: '6f0b8274-70ba-4b93-aaf9-0dfdcd579490' } },
      { op: 'replace', value: { displayName: 'PAXIDTCXZVEK' } },
    ]);
    assert.equal('nickName' in r.resource, false, 'nickName gone');
    assert.equal(r.resource.externalId, '6f0b8274-70ba-4b93-aaf9-0dfdcd579490', 'externalId');
    assert.equal(r.resource.displayName, 'PAXIDTCXZVEK', 'displayName');
  });

  it('P2 applies several operations on one attribute in order (USER-PATCH-ORDER)', () => {
    const r = patch(validatorUser(), [
      { op: 'remove', path: 'externalId' },
      { op: 'add', value: { externalId: '015abcb0-9fa2-4323-8f2a-96dfc0074d99' } },
      { op: 'replace', value: { externalId: '3a234ac7-2fa7-4fad-a3dc-7eb6e9d79584' } },
    ]);
    assert.equal(r.resource.externalId, '3a234ac7-2fa7-4fad-a3dc-7eb6e9d79584', 'last value wins');
  });

  it('P5 adds then removes the same member: the group ends empty', () => {
    const ops = [
      { op: 'add', path: 'members', value: [{ value: '6168113d-ae07-40b8-97a3-3d3d6e66f666' }] },
      { op: 'remove', path: 'members[value eq "6168113d-ae07-40b8-97a3-3d3d6e66f666"]' },
    ];
    const external = patch(emptyGroup(), ops, 'Group');
    assert.deepEqual(external.membersAdded, [], 'nothing left to add');
    assert.deepEqual(external.membersRemoved, ['6168113d-ae07-40b8-97a3-3d3d6e66f666'], 'removal of the id (harmless if absent)');
    const inline = patch({ ...emptyGroup(), members: [] }, ops, 'Group');
    assert.deepEqual(inline.resource.members, [], 'members empty');
  });
});

describe('Postman collection PATCHes (docs/entra-behaviour.md §7.3)', () => {
  it('item 13/56 replaces userName, with op "Replace"', () => {
    assert.equal(patch(entraUser(), [{ op: 'replace', path: 'userName', value: 'ryan3' }]).resource.userName, 'ryan3', 'item 13');
    assert.equal(patch(entraUser(), [{ op: 'Replace', path: 'userName', value: 'newusername' }]).resource.userName, 'newusername', 'item 56');
  });

  it('item 57 sets active false with a boolean', () => {
    assert.equal(patch(entraUser(), [{ op: 'Replace', path: 'active', value: false }]).resource.active, false, 'active');
  });

  it('items 27–32 add with an extra "name" key and displayName, remove by filter, remove all', () => {
    const g = { ...emptyGroup(), members: [] };
    const add = [{ name: 'addMember', op: 'add', path: 'members', value: [{ displayName: 'new User', value: 'id4' }] }];
    const added = patch(g, add, 'Group');
    assert.deepEqual(added.resource.members, [{ display: 'new User', value: 'id4' }], 'displayName kept as display so "new User" is echoed');
    const removed = patch(added.resource, [{ op: 'remove', path: 'members[value eq "id4"]' }], 'Group');
    assert.deepEqual(removed.resource.members, [], 'removed by filter');
    const again = patch(removed.resource, add, 'Group');
    const all = patch(again.resource, [{ op: 'remove', path: 'members' }], 'Group');
    assert.deepEqual(all.resource.members, [], 'remove without value empties the group');
    assert.equal(JSON.stringify(all.resource).includes('new User'), false, 'item 32: "new User" gone');
  });

  it('items 67–68 add members given as bare strings', () => {
    const r = patch(emptyGroup(), [{ op: 'add', path: 'members', value: 'string id 1' }], 'Group');
    assert.deepEqual(r.membersAdded, [{ value: 'string id 1' }], 'bare string is a member id');
  });
});
