/** One test per PATCH quirk and per error the reference app must answer. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch } from '../../../reference-app/scim/patch.js';
import type { MemberRef } from '../../../reference-app/scim/coerce.js';
import type { ResourceType } from '../../../core/resource-type.js';
import { body, emptyGroup, ENT, entraUser, ext, patch, throwsScim, type Json } from './helpers.js';

describe('PATCH quirks', () => {
  it('accepts op in any case (PATCH-OP-CASE)', () => {
    for (const op of ['add', 'Add', 'ADD', 'aDd']) {
      assert.equal(patch(entraUser(), [{ op, path: 'title', value: 'T' }]).resource.title, 'T', `op ${op}`);
    }
    for (const op of ['replace', 'Replace', 'REPLACE']) {
      assert.equal(patch(entraUser(), [{ op, path: 'title', value: 'T' }]).resource.title, 'T', `op ${op}`);
    }
    for (const op of ['remove', 'Remove', 'REMOVE']) {
      assert.equal('displayName' in patch(entraUser(), [{ op, path: 'displayName' }]).resource, false, `op ${op}`);
    }
  });

  it('accepts "Op", "Path", "Value" and "operations" member names in any case', () => {
    const r = applyPatch(entraUser(), { Schemas: ['urn:ietf:params:scim:api:messages:2.0:patchop'], operations: [{ Op: 'Replace', Path: 'title', Value: 'T' }] }, 'User');
    assert.equal(r.resource.title, 'T', 'case-insensitive message attributes');
  });

  it('coerces string booleans of any case for boolean attributes (PATCH-STRING-BOOLEANS)', () => {
    for (const [v, expected] of [['True', true], ['true', true], ['TRUE', true], ['False', false], ['false', false], ['fAlSe', false]] as const) {
      assert.equal(patch(entraUser(), [{ op: 'Replace', path: 'active', value: v }]).resource.active, expected, `active "${v}"`);
    }
  });

  it('coerces string booleans inside value objects', () => {
    const r = patch(entraUser(), [
      { op: 'replace', value: { active: 'False' } },
      { op: 'add', path: 'phoneNumbers', value: [{ type: 'mobile', value: '1', primary: 'True' }] },
      { op: 'add', path: 'roles', value: { value: 'r', Primary: 'FALSE' } },
    ]);
    assert.equal(r.resource.active, false, 'path-less active');
    assert.deepEqual(r.resource.phoneNumbers, [{ type: 'mobile', value: '1', primary: true }], 'primary in a list element');
    assert.deepEqual(r.resource.roles, [{ value: 'r', primary: false }], 'capitalised Primary in a single object');
  });

  it('rejects a non-boolean string for a boolean attribute', () => {
    throwsScim(() => patch(entraUser(), [{ op: 'replace', path: 'active', value: 'yes' }]), 400, 'invalidValue', 'active "yes"');
  });

  it('reads dotted keys, URN keys and a nested extension object in a path-less value (USER-PATCH-NO-PATH)', () => {
    const r = patch(entraUser(), [{
      op: 'replace',
      value: { 'name.givenName': 'G', [`${ENT}:employeeNumber`]: '42', [ENT]: { Department: 'R&D', manager: 'boss' } },
    }]);
    assert.equal((r.resource.name as Json).givenName, 'G', 'dotted key');
    assert.deepEqual(ext(r.resource), { employeeNumber: '42', department: 'R&D', manager: { value: 'boss' } }, 'URN key and nested object merged');
  });

  it('sets the manager from a bare id, {value} or [{value,$ref}] at manager or the URN path (USER-MANAGER)', () => {
    const shapes: unknown[] = ['m1', { value: 'm1' }, [{ value: 'm1', $ref: null }], { Value: 'm1' }];
    for (const path of ['manager', `${ENT}:manager`, `${ENT.toLowerCase()}:Manager`]) {
      for (const value of shapes) {
        for (const op of ['Add', 'replace']) {
          const r = patch(entraUser(), [{ op, path, value }]);
          assert.deepEqual(ext(r.resource)?.manager, { value: 'm1' }, `${op} ${path} ${JSON.stringify(value)}`);
        }
      }
    }
    assert.deepEqual(ext(patch(entraUser(), [{ op: 'add', path: `${ENT}:manager.value`, value: 'm2' }]).resource)?.manager, { value: 'm2' },
      'manager.value path');
  });

  it('replaces a manager whole, so no stale $ref survives', () => {
    const u = { ...entraUser(), [ENT]: { manager: { value: 'old', $ref: '../Users/old' } } };
    assert.deepEqual(ext(patch(u, [{ op: 'replace', path: 'manager', value: 'new' }]).resource)?.manager, { value: 'new' }, 'new manager only');
  });

  it('clears the manager by remove, "", null, {"value":""} or []', () => {
    const u = { ...entraUser(), [ENT]: { manager: { value: 'boss' }, department: 'Sales' } };
    const ops: unknown[] = [
      { op: 'Remove', path: `${ENT}:manager` },
      { op: 'remove', path: 'manager' },
      { op: 'replace', path: `${ENT}:manager`, value: '' },
      { op: 'replace', path: `${ENT}:manager`, value: null },
      { op: 'replace', path: `${ENT}:manager`, value: { value: '' } },
      { op: 'replace', path: 'manager', value: [] },
      { op: 'replace', value: { [`${ENT}:manager`]: '' } },
    ];
    for (const op of ops) {
      assert.deepEqual(ext(patch(u, [op]).resource), { department: 'Sales' }, `cleared by ${JSON.stringify(op)}`);
    }
  });

  it('treats Add on a single-valued attribute as set', () => {
    assert.equal(patch(entraUser(), [{ op: 'Add', path: 'displayName', value: 'New' }]).resource.displayName, 'New', 'add replaces');
    assert.equal(ext(patch(entraUser(), [{ op: 'Add', path: `${ENT}:department`, value: 'R&D' }]).resource)?.department, 'R&D', 'extension');
  });

  it('merges sub-attributes on add/replace of name', () => {
    const r = patch(entraUser(), [{ op: 'replace', path: 'name', value: { givenName: 'G', middleName: 'M' } }]);
    assert.deepEqual(r.resource.name, { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'G', middleName: 'M' },
      'unnamed sub-attributes kept (RFC 7644 §3.5.2.3)');
  });

  it('creates the element when a filtered replace matches nothing, with the filter\'s type', () => {
    const r = patch(entraUser(), [
      { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '555' },
      { op: 'replace', path: 'addresses[type eq "work"].postalCode', value: '91608' },
      { op: 'replace', path: 'emails[type eq "home"].value', value: 'h@x.y' },
    ]);
    assert.deepEqual(r.resource.phoneNumbers, [{ type: 'mobile', value: '555' }], 'phone created');
    assert.deepEqual(r.resource.addresses, [{ type: 'work', postalCode: '91608' }], 'address created');
    assert.deepEqual(r.resource.emails, [
      { primary: true, type: 'work', value: 'Test_User_11bb@testuser.com' }, { type: 'home', value: 'h@x.y' },
    ], 'home email appended next to work');
  });

  it('creates from a boolean filter term coerced from a string', () => {
    const r = patch({ userName: 'u' }, [{ op: 'replace', path: 'roles[primary eq "True"].value', value: 'admin' }]);
    assert.deepEqual(r.resource.roles, [{ primary: true, value: 'admin' }], 'primary stored as boolean');
  });

  it('answers noTarget when a filtered replace matches nothing and cannot create', () => {
    throwsScim(() => patch(entraUser(), [{ op: 'replace', path: 'emails[value co "nobody"].type', value: 'work' }]), 400, 'noTarget',
      'a co filter does not say what to create');
    throwsScim(() => patch(entraUser(), [{ op: 'replace', path: 'emails[type eq "a" or type eq "b"].value', value: 'x' }]), 400, 'noTarget',
      'an or filter does not say what to create');
  });

  it('appends on Add to a multi-valued attribute and skips identical values', () => {
    const r = patch(entraUser(), [
      { op: 'add', path: 'emails', value: [{ type: 'home', value: 'h@x.y' }] },
      { op: 'add', path: 'emails', value: [{ type: 'home', value: 'h@x.y' }] },
    ]);
    assert.deepEqual(r.resource.emails, [
      { primary: true, type: 'work', value: 'Test_User_11bb@testuser.com' }, { type: 'home', value: 'h@x.y' },
    ], 'one home email');
  });

  it('keeps type unique: an added element of a present type replaces it (G8)', () => {
    const r = patch(entraUser(), [{ op: 'add', path: 'emails', value: [{ type: 'WORK', value: 'new@x.y' }] }]);
    assert.deepEqual(r.resource.emails, [{ type: 'WORK', value: 'new@x.y' }], 'no second work email');
    throwsScim(() => patch(entraUser(), [{ op: 'replace', path: 'emails', value: [{ type: 'work', value: 'a' }, { type: 'work', value: 'b' }] }]),
      400, 'invalidValue', 'two work emails in one replace');
  });

  it('keeps one primary: making an element primary demotes the others', () => {
    const added = patch(entraUser(), [{ op: 'add', path: 'emails', value: [{ type: 'home', value: 'h@x.y', primary: true }] }]);
    assert.deepEqual(added.resource.emails, [
      { primary: false, type: 'work', value: 'Test_User_11bb@testuser.com' }, { type: 'home', value: 'h@x.y', primary: true },
    ], 'work demoted on add');
    const set = patch(added.resource, [{ op: 'replace', path: 'emails[type eq "work"].primary', value: 'True' }]);
    assert.deepEqual((set.resource.emails as Json[]).map((e) => e.primary), [true, false], 'home demoted on replace of primary');
  });

  it('clears optional attributes given "" or null (NULL-UPDATE)', () => {
    const ops: [unknown, (r: Json) => boolean][] = [
      [{ op: 'replace', path: 'displayName', value: '' }, (r) => !('displayName' in r)],
      [{ op: 'replace', path: 'displayName', value: null }, (r) => !('displayName' in r)],
      [{ op: 'replace', value: { displayName: '', externalId: null } }, (r) => !('displayName' in r) && !('externalId' in r)],
      [{ op: 'replace', path: 'name.givenName', value: '' }, (r) => (r.name as Json).givenName === undefined && (r.name as Json).familyName === 'familyName'],
      [{ op: 'replace', path: 'name', value: { givenName: '' } }, (r) => !('givenName' in (r.name as Json))],
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: '' }, (r) => !('emails' in r)],
      [{ op: 'replace', path: `${ENT}:department`, value: '' }, (r) => ext(r)?.department === undefined && ext(r)?.employeeNumber === '1'],
      [{ op: 'add', path: 'nickName', value: '' }, (r) => !('nickName' in r)],
      [{ op: 'replace', path: 'emails', value: [] }, (r) => !('emails' in r)],
    ];
    for (const [op, ok] of ops) {
      assert.ok(ok(patch(entraUser(), [op]).resource), `cleared by ${JSON.stringify(op)}`);
    }
  });

  it('does nothing for an empty Operations list', () => {
    const u = entraUser();
    const r = patch(u, []);
    assert.equal(r.changed, false, 'changed false');
    assert.deepEqual(r.resource, u, 'same resource');
    assert.deepEqual([r.membersAdded, r.membersRemoved], [[], []], 'no member delta');
  });

  it('reports changed=false when values are set to what they are', () => {
    const r = patch(entraUser(), [{ op: 'replace', path: 'active', value: 'True' }, { op: 'replace', value: { 'name.givenName': 'givenName' } }]);
    assert.equal(r.changed, false, 'no-op replace');
  });

  it('removes a filtered path that matches nothing as a no-op', () => {
    const r = patch(entraUser(), [{ op: 'remove', path: 'emails[type eq "home"]' }]);
    assert.equal(r.changed, false, 'idempotent');
  });

  it('accepts an echo of the current id in a path-less value', () => {
    const u = entraUser();
    assert.equal(patch(u, [{ op: 'replace', value: { id: u.id, title: 'T' } }]).resource.title, 'T', 'same id ignored');
  });
});

describe('PATCH errors', () => {
  const err = (ops: unknown[], scimType: string, why: string, type: ResourceType = 'User', resource: Json = type === 'User' ? entraUser() : emptyGroup()): void =>
    throwsScim(() => patch(resource, ops, type), 400, scimType, why);

  it('answers invalidPath for unknown attributes and extensions', () => {
    err([{ op: 'replace', path: 'favouriteColour', value: 'x' }], 'invalidPath', 'unknown core attribute');
    err([{ op: 'replace', path: 'name.nickname', value: 'x' }], 'invalidPath', 'unknown sub-attribute');
    err([{ op: 'replace', path: 'urn:example:params:scim:schemas:extension:custom:2.0:User:tag', value: 'x' }], 'invalidPath', 'unknown extension');
    err([{ op: 'replace', value: { 'urn:example:ext:2.0:User': { tag: 'x' } } }], 'invalidPath', 'unknown extension object');
    err([{ op: 'replace', value: { favouriteColour: 'x' } }], 'invalidPath', 'unknown key in a path-less value');
    err([{ op: 'replace', path: 'emails[type eq', value: 'x' }], 'invalidPath', 'unparsable path');
    err([{ op: 'replace', path: 'title[value eq "x"]', value: 'x' }], 'invalidPath', 'filter on a simple attribute');
    err([{ op: 'replace', path: 'members', value: [] }], 'invalidPath', 'members on a user');
    err([{ op: 'replace', path: `${ENT}:department`, value: 'x' }], 'invalidPath', 'enterprise attribute on a group', 'Group');
    err([{ op: 'replace', path: 42, value: 'x' }], 'invalidPath', 'path not a string');
  });

  it('answers mutability for readOnly attributes and removing required ones', () => {
    err([{ op: 'replace', path: 'id', value: 'x' }], 'mutability', 'id');
    err([{ op: 'replace', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' }], 'mutability', 'meta sub-attribute');
    err([{ op: 'remove', path: 'meta' }], 'mutability', 'meta');
    err([{ op: 'add', path: 'groups', value: [{ value: 'g' }] }], 'mutability', 'groups is readOnly');
    err([{ op: 'replace', value: { id: 'other' } }], 'mutability', 'another id in a path-less value');
    err([{ op: 'replace', path: `${ENT}:manager.displayName`, value: 'x' }], 'mutability', 'manager.displayName');
    err([{ op: 'remove', path: 'userName' }], 'mutability', 'remove userName');
    err([{ op: 'remove', path: 'displayName' }], 'mutability', 'remove group displayName', 'Group');
  });

  it('answers invalidValue for clearing required attributes and wrong shapes', () => {
    err([{ op: 'replace', path: 'userName', value: '' }], 'invalidValue', 'empty userName');
    err([{ op: 'replace', value: { userName: null } }], 'invalidValue', 'null userName');
    err([{ op: 'replace', path: 'name', value: 'Babs' }], 'invalidValue', 'string for a complex attribute');
    err([{ op: 'replace', path: 'title', value: { a: 1 } }], 'invalidValue', 'object for a string');
    err([{ op: 'replace', path: 'title', value: ['a'] }], 'invalidValue', 'list for a single-valued string');
    err([{ op: 'add', path: 'title' }], 'invalidValue', 'add without value');
    err([{ op: 'replace', value: 'x' }], 'invalidValue', 'path-less with a non-object value');
    err([{ op: 'add', path: 'members', value: [{ display: 'no id' }] }], 'invalidValue', 'member without value', 'Group');
  });

  it('answers invalidSyntax for a body that is not a PatchOp', () => {
    const cases: [unknown, string][] = [
      [null, 'null body'],
      [[], 'array body'],
      [{ Operations: [] }, 'no schemas'],
      [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] }, 'wrong schema'],
      [{ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }, 'no Operations'],
      [{ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: {} }, 'Operations not a list'],
      [body(['add']), 'operation not an object'],
      [body([{ op: 'move', path: 'title', value: 'x' }]), 'unknown op'],
      [body([{ path: 'title', value: 'x' }]), 'missing op'],
    ];
    for (const [b, why] of cases) throwsScim(() => applyPatch(entraUser(), b, 'User'), 400, 'invalidSyntax', why);
  });

  it('answers noTarget for remove without a path', () => {
    err([{ op: 'remove' }], 'noTarget', 'remove without path');
    err([{ op: 'remove', value: { title: 'x' } }], 'noTarget', 'remove with only a value');
  });

  it('is atomic: a failing operation leaves the input untouched and returns nothing', () => {
    const u = entraUser();
    const before = structuredClone(u);
    throwsScim(() => applyPatch(u, body([
      { op: 'replace', path: 'title', value: 'changed' },
      { op: 'remove', path: 'emails' },
      { op: 'replace', path: 'id', value: 'x' },
    ]), 'User'), 400, 'mutability', 'third op fails');
    assert.deepEqual(u, before, 'input untouched');
  });
});

describe('PATCH of groups whose members live elsewhere', () => {
  const loader = (members: MemberRef[]): { load: () => readonly MemberRef[]; calls: () => number } => {
    let n = 0;
    return { load: () => { n++; return members; }, calls: () => n };
  };

  it('never loads members for add, remove by id, remove all or replace', () => {
    const l = loader([{ value: 'x' }]);
    const r = patch(emptyGroup(), [
      { op: 'Add', path: 'members', value: [{ value: 'a' }, 'b', { value: 'a', display: 'A' }] },
      { op: 'Remove', path: 'members', value: [{ value: 'c' }] },
      { op: 'remove', path: 'members[value eq "d" or value eq "e"]' },
    ], 'Group', { loadMembers: l.load });
    assert.equal(l.calls(), 0, 'loadMembers not called');
    assert.deepEqual(r.membersAdded, [{ value: 'a', display: 'A' }, { value: 'b' }], 'deduplicated adds, last display wins');
    assert.deepEqual(r.membersRemoved, ['c', 'd', 'e'], 'removed ids');
    assert.equal(r.changed, true, 'membership changed');
    assert.equal('members' in r.resource, false, 'resource stays without members');
  });

  it('folds operations in order: remove all, then add', () => {
    const r = patch(emptyGroup(), [
      { op: 'add', path: 'members', value: ['a'] },
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: ['b'] },
      { op: 'remove', path: 'members[value eq "c"]' },
    ], 'Group');
    assert.equal(r.membersRemoved, 'all', 'all removed');
    assert.deepEqual(r.membersAdded, [{ value: 'b' }], 'only b added after');
  });

  it('loads members once for other filters and removes the matches', () => {
    const l = loader([{ value: 'u1', display: 'Alice' }, { value: 'u2', display: 'Bob' }, { value: 'u3', display: 'Alina' }]);
    const r = patch(emptyGroup(), [
      { op: 'remove', path: 'members[display sw "al"]' },
      { op: 'remove', path: 'members[display eq "bob"]' },
    ], 'Group', { loadMembers: l.load });
    assert.equal(l.calls(), 1, 'loaded once');
    assert.deepEqual(r.membersRemoved, ['u1', 'u3', 'u2'], 'matching members removed');
  });

  it('updates a member sub-attribute through a filter as an upsert', () => {
    const l = loader([{ value: 'u1', display: 'Alice' }]);
    const r = patch(emptyGroup(), [{ op: 'replace', path: 'members[value eq "u1"].display', value: 'Alicia' }], 'Group', { loadMembers: l.load });
    assert.deepEqual(r.membersAdded, [{ value: 'u1', display: 'Alicia' }], 'upsert with the new display');
    throwsScim(() => patch(emptyGroup(), [{ op: 'replace', path: 'members.display', value: 'x' }], 'Group'), 400, 'invalidPath',
      'member sub-attribute without a filter');
  });

  it('handles a 10 000-member group cheaply', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ value: `u${i}` }));
    // Cheap means "never loads the member list" (loadMembers throws); speed itself belongs in npm run bench.
    const external = patch(emptyGroup(), [{ op: 'remove', path: 'members[value eq "u5000"]' }, { op: 'add', path: 'members', value: ['new'] }], 'Group',
      { loadMembers: () => { throw new Error('must not load'); } });
    assert.deepEqual([external.membersRemoved, external.membersAdded], [['u5000'], [{ value: 'new' }]], 'delta without loading');
    const inline = patch({ ...emptyGroup(), members: many }, [{ op: 'remove', path: 'members[value eq "u5000"]' }], 'Group');
    assert.equal((inline.resource.members as Json[]).length, 9_999, 'one removed in place');
  });
});
