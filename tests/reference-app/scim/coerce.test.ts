import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForWrite } from '../../../reference-app/scim/coerce.js';
import { ENT, throwsScim, type Json } from './helpers.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const user = (b: Json): Json => normalizeForWrite(b, 'User', 'create');

describe('normalizeForWrite: Entra, validator and Postman create bodies', () => {
  it('stores Entra\'s POST /Users (docs/entra-behaviour.md §2.1.1) without meta and the empty roles', () => {
    const r = user({
      schemas: [CORE, ENT], externalId: '0a21f0f2', userName: 'Test_User', active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User@testuser.com' }], meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' }, roles: [],
    });
    assert.deepEqual(r, {
      schemas: [CORE], externalId: '0a21f0f2', userName: 'Test_User', active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User@testuser.com' }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    }, 'meta and [] dropped; schemas lists only what holds data');
  });

  it('stores string booleans as booleans (USER-CREATE-STRING-BOOLEANS)', () => {
    const r = user({
      userName: 'u', active: 'True', emails: [{ primary: 'true', value: 'a@b.c' }],
      roles: [{ primary: 'True', display: 'D', value: 'V', type: 'T' }],
      [ENT]: { employeeNumber: 'E', manager: { value: 'XYMKVVRYDIOO' } },
    });
    assert.equal(r.active, true, 'active');
    assert.deepEqual(r.emails, [{ primary: true, value: 'a@b.c' }], 'emails.primary');
    assert.deepEqual(r.roles, [{ primary: true, display: 'D', value: 'V', type: 'T' }], 'roles.primary');
    assert.deepEqual(r[ENT], { employeeNumber: 'E', manager: { value: 'XYMKVVRYDIOO' } }, 'extension kept');
    assert.deepEqual(r.schemas, [CORE, ENT], 'schemas gains the extension');
  });

  it('gives capitalised keys their schema spelling (Postman items 7–8)', () => {
    const r = user({
      userName: 'UserName222', schemas: [ENT, CORE], emails: [{ Primary: true, type: 'work', value: 'testing@bob.com' }],
      [ENT]: { Department: 'bob', Manager: { Value: 'SuzzyQ' } },
    });
    assert.deepEqual(r.emails, [{ primary: true, type: 'work', value: 'testing@bob.com' }], 'Primary → primary');
    assert.deepEqual(r[ENT], { department: 'bob', manager: { value: 'SuzzyQ' } }, 'Department/Manager/Value canonical');
  });

  it('drops client id, meta, groups, nulls and unknown attributes (Postman items 44, 54)', () => {
    const r = user({
      id: 'client-id', userName: 'OMalley', adreses: [{ country: 'x' }], groups: [{ value: 'g' }],
      meta: { created: '2015-01-01T00:00:00Z', lastModified: '2015-01-01T00:00:00Z', resourceType: 'User' },
      addresses: [{ type: 'work', country: null, locality: 'Here' }, { type: 'other', formatted: null }],
      nickName: null, 'urn:example:ext:2.0:User': { x: 1 },
    });
    assert.deepEqual(r, { schemas: [CORE], userName: 'OMalley', addresses: [{ type: 'work', locality: 'Here' }, { type: 'other' }] },
      'only known, writable, non-null data');
  });

  it('tolerates the legacy Entra body (docs/entra-behaviour.md §2.4 example 2)', () => {
    const r = user({
      schemas: [CORE, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'], externalId: 'jyoung', userName: 'jyoung@testuser.com',
      active: true, addresses: null, displayName: 'Joy Young', emails: [{ type: 'work', value: 'jyoung@Contoso.com', primary: true }],
      meta: { resourceType: 'User' }, name: { familyName: 'Young', givenName: 'Joy' }, phoneNumbers: null, preferredLanguage: null,
      title: null, department: null, manager: null,
    });
    assert.equal(r.userName, 'jyoung@testuser.com', 'created');
    assert.equal('addresses' in r || 'department' in r || 'manager' in r || ENT in r, false, 'nulls dropped');
  });

  it('moves top-level enterprise attributes into the extension', () => {
    const r = user({ userName: 'u', department: 'Sales', manager: 'boss' });
    assert.deepEqual(r[ENT], { department: 'Sales', manager: { value: 'boss' } }, 'unqualified names resolved to the extension');
  });

  it('keeps values verbatim (USER-VALUES-VERBATIM)', () => {
    const r = user({ userName: 'MiXeD@Example.COM', phoneNumbers: [{ type: 'work', value: '55555555555' }], name: { formatted: '  spaced  ' } });
    assert.equal(r.userName, 'MiXeD@Example.COM', 'case kept');
    assert.deepEqual(r.phoneNumbers, [{ type: 'work', value: '55555555555' }], 'phone not reformatted');
    assert.deepEqual(r.name, { formatted: '  spaced  ' }, 'spaces kept');
  });

  it('accepts a password (writeOnly; Okta sends a placeholder on every create) and never stores it', () => {
    const r = user({ userName: 'u', password: 't1meMa$heen' });
    assert.equal(r.userName, 'u', 'the create is accepted');
    assert.equal('password' in r, false, 'the password is dropped, not stored');
  });

  it('accepts a bare string for a multi-valued complex attribute', () => {
    assert.deepEqual(user({ userName: 'u', emails: 'a@b.c' }).emails, [{ value: 'a@b.c' }], 'string → [{value}]');
  });
});

describe('normalizeForWrite: rejections', () => {
  it('requires userName (Postman items 49, 53)', () => {
    throwsScim(() => user({ schemas: [CORE], displayName: 'x' }), 400, 'invalidValue', 'no userName');
    throwsScim(() => user({ userame: 'typo' }), 400, 'invalidValue', 'misspelled userName');
    throwsScim(() => user({ userName: '' }), 400, 'invalidValue', 'empty userName');
    assert.equal(normalizeForWrite({ userName: 'x' }, 'User', 'replace').userName, 'x', 'a PUT body with userName is fine');
  });

  it('rejects values of the wrong shape with invalidValue', () => {
    throwsScim(() => user({ userName: 'u', name: 'Babs' }), 400, 'invalidValue', 'string for name');
    throwsScim(() => user({ userName: 'u', title: { a: 1 } }), 400, 'invalidValue', 'object for title');
    throwsScim(() => user({ userName: 'u', active: 'maybe' }), 400, 'invalidValue', 'active "maybe"');
    throwsScim(() => user({ userName: 'u', [ENT]: 'x' }), 400, 'invalidValue', 'string for the extension');
    throwsScim(() => user({ userName: ['a'] }), 400, 'invalidValue', 'list for userName');
  });

  it('rejects a body that is not an object with invalidSyntax', () => {
    for (const b of [null, [], 'x', 3]) throwsScim(() => normalizeForWrite(b, 'User', 'create'), 400, 'invalidSyntax', JSON.stringify(b));
  });
});

describe('normalizeForWrite: groups', () => {
  it('stores Entra\'s POST /Groups with its extra schema URI (docs/entra-behaviour.md §2.2.1)', () => {
    const r = normalizeForWrite({
      schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0', displayName: 'displayName', meta: { resourceType: 'Group' },
    }, 'Group', 'create');
    assert.deepEqual(r, { schemas: [GROUP], externalId: '8aa1a0c0', displayName: 'displayName' }, 'unknown schema URI not stored');
  });

  it('normalizes members: display, bare ids, null $ref, duplicates (Postman item 22)', () => {
    const r = normalizeForWrite({ displayName: 'G', members: [{ value: 'id3', display: 'VP' }, 'id4', { value: 'id5', $ref: null }, { value: 'id3', display: 'VP2' }] },
      'Group', 'create');
    assert.deepEqual(r.members, [{ value: 'id3', display: 'VP2' }, { value: 'id4' }, { value: 'id5' }], 'one entry per id');
  });

  it('requires displayName and a value for each member', () => {
    throwsScim(() => normalizeForWrite({ externalId: 'x' }, 'Group', 'create'), 400, 'invalidValue', 'no displayName');
    throwsScim(() => normalizeForWrite({ displayName: 'G', members: [{ display: 'x' }] }, 'Group', 'create'), 400, 'invalidValue', 'member without id');
  });

  it('gives members on replace always, on create only when sent', () => {
    assert.equal('members' in normalizeForWrite({ displayName: 'G', members: [] }, 'Group', 'create'), false, 'create: [] means none');
    assert.deepEqual(normalizeForWrite({ displayName: 'putName' }, 'Group', 'replace').members, [], 'PUT without members empties the group');
  });
});
