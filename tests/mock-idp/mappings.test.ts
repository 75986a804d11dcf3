/** Attribute mappings (docs/entra-behaviour.md §2.5): the default non-gallery mapping, each mapping type, create-only, defaults, errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileMappings, evaluateMappings, loadMappings, MappingError, type MappingsInput } from '../../mock-idp/mappings/mappings.js';
import { userSource } from '../../mock-idp/directory/source-view.js';
import type { DirectoryUser } from '../../mock-idp/directory/types.js';

const user: DirectoryUser = {
  id: '6f1e1a7e-0000-4000-8000-000000000001', userPrincipalName: 'jane.doe@contoso.example', displayName: 'Jane Doe', givenName: 'Jane', surname: 'Doe',
  mail: 'jane.doe@contoso.example', mailNickname: 'jane.doe', jobTitle: 'Engineer', department: 'R&D', employeeId: '4711', preferredLanguage: 'de-DE',
  streetAddress: '1 Main St', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE', officeLocation: 'B12', businessPhones: ['+49 30 1234'],
  mobilePhone: '+49 170 1234', faxNumber: '+49 30 9999', manager: 'm-1', accountEnabled: true,
};
const ctx = (u: DirectoryUser, softDeleted = false) => ({ get: userSource(u, { isSoftDeleted: softDeleted, appRoles: ['Admin'] }), now: () => new Date(0) });
const E = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

test("Entra's default non-gallery mapping (§2.5.3) maps a Graph user", () => {
  const m = loadMappings();
  assert.deepEqual(m.user.matching.map((a) => a.target), ['userName'], 'matching on userName');
  assert.deepEqual(m.group.matching.map((a) => a.target), ['displayName'], 'groups match on displayName');
  assert.equal(m.user.manager?.target, `${E}:manager`, 'manager is a reference attribute');
  assert.equal(m.group.members?.target, 'members', 'members is a reference attribute');
  assert.ok(m.user.hasActive, 'active is mapped, so deprovisioning is a PATCH');
  const values = evaluateMappings(m.user, ctx(user), { create: true });
  assert.deepEqual(values, {
    userName: 'jane.doe@contoso.example', active: 'True', displayName: 'Jane Doe', title: 'Engineer',
    'emails[type eq "work"].value': 'jane.doe@contoso.example', preferredLanguage: 'de-DE', 'name.givenName': 'Jane', 'name.familyName': 'Doe',
    'name.formatted': 'Jane Doe', 'addresses[type eq "work"].formatted': 'B12', 'addresses[type eq "work"].streetAddress': '1 Main St',
    'addresses[type eq "work"].locality': 'Berlin', 'addresses[type eq "work"].region': 'BE', 'addresses[type eq "work"].postalCode': '10115',
    'addresses[type eq "work"].country': 'DE', 'phoneNumbers[type eq "work"].value': '+49 30 1234', 'phoneNumbers[type eq "mobile"].value': '+49 170 1234',
    'phoneNumbers[type eq "fax"].value': '+49 30 9999', externalId: 'jane.doe', [`${E}:employeeNumber`]: '4711', [`${E}:department`]: 'R&D',
  }, 'every default target, manager left to the reference phase');
  assert.equal(evaluateMappings(m.user, ctx(user, true), { create: false }).active, 'False', 'IsSoftDeleted → active "False"');
  assert.equal(evaluateMappings(m.user, ctx({ id: 'x', userPrincipalName: 'x@y' }), { create: true }).displayName, null, 'absent source → null (not flowed)');
});

test('direct, constant and expression mappings; create-only; default value only on create', () => {
  const input: MappingsInput = {
    user: {
      attributes: [
        { target: 'userName', source: '[userPrincipalName]', matchingPrecedence: 1 },
        { target: 'externalId', source: 'objectId', matchingPrecedence: 2 },
        { target: 'userType', constant: 'Employee' },
        { target: 'nickName', expression: 'ToLower(Left([givenName], 3))' },
        { target: 'roles[primary eq "True"].value', expression: 'SingleAppRoleAssignment([appRoleAssignments])' },
        { target: 'title', source: 'jobTitle', defaultValue: 'Staff' },
        { target: 'locale', expression: 'Guid()', apply: 'create' },
      ],
    },
  };
  const m = compileMappings(input, 'custom.json');
  assert.deepEqual(m.user.matching.map((a) => a.target), ['userName', 'externalId'], 'precedence order');
  assert.deepEqual(m.user.attributes.map((a) => a.kind), ['direct', 'direct', 'constant', 'expression', 'expression', 'direct', 'expression'], 'mapping types');
  const noTitle = { ...user, jobTitle: undefined } as DirectoryUser;
  const create = evaluateMappings(m.user, ctx(noTitle), { create: true });
  const update = evaluateMappings(m.user, ctx(noTitle), { create: false });
  assert.equal(create.externalId, user.id, 'objectId is the Graph id');
  assert.equal(create.userType, 'Employee', 'constant');
  assert.equal(create.nickName, 'jan', 'expression');
  assert.equal(create['roles[primary eq "True"].value'], 'Admin', 'app role');
  assert.equal(create.title, 'Staff', 'default value on create');
  assert.equal(update.title, null, 'no default value on update');
  assert.match(String(create.locale), /^[0-9a-f-]{36}$/, 'create-only mapping on create');
  assert.equal('locale' in update, false, 'create-only mapping never on update');
  assert.notEqual(m.hash, loadMappings().hash, 'a mapping change changes the hash (→ new initial cycle)');
});

test('bad mappings are refused with the attribute, the field and the position', () => {
  const attr = (a: object) => ({ user: { attributes: [{ target: 'userName', source: 'userPrincipalName', matchingPrecedence: 1 }, a] } });
  const cases: Array<[unknown, RegExp]> = [
    [attr({ target: 'displayName', expression: 'Appendd([a], "x")' }), /m\.json: user\.attributes\[1\] \(target "displayName"\)\.expression: unknown function Appendd at position 1 in "Appendd\(\[a\], \\"x\\"\)"/],
    [attr({ target: 'displayName', expression: 'Join(" ", [givenName]' }), /user\.attributes\[1\] \(target "displayName"\)\.expression: expected "," or "\)" in the arguments of Join but found the end of the expression at position 22/],
    [attr({ target: 'displayName' }), /user\.attributes\[1\] \(target "displayName"\): give exactly one of source \(Direct\), constant \(Constant\) or expression \(Expression\); found none/],
    [attr({ target: 'displayName', source: 'a', constant: 'b' }), /found source, constant/],
    [attr({ target: 'emails[type eq "work"', source: 'mail' }), /\.target: bad target attribute path/],
    [attr({ target: 'userName', source: 'mail' }), /user\.attributes\[1\] \(target "userName"\): target already mapped by attributes\[0\]/],
    [attr({ target: 'title', source: 'jobTitle', apply: 'sometimes' }), /\.apply: expected "always" or "create"/],
    [attr({ target: 'id', source: 'objectId' }), /the primary key id can't be a target attribute/],
    [{ user: { attributes: [{ target: 'userName', source: 'userPrincipalName' }] } }, /no attribute has a matchingPrecedence/],
    [{ user: { attributes: [{ target: 'userName', source: 'upn', matchingPrecedence: 1 }], scopingFilters: [['department EQUAL x']] } }, /user\.scopingFilters\[0\]\[0\] \(filter 1, clause 1\): unknown operator "EQUAL x" at position 12/],
    [{ settings: { scope: 'some' }, user: { attributes: [] } }, /settings\.scope: expected "assigned" or "all"/],
  ];
  for (const [input, re] of cases) {
    assert.throws(() => compileMappings(input as MappingsInput, 'm.json'), (e: unknown) => (e instanceof MappingError || (e as { code?: string }).code === 'HARNESS_CONFIG') && re.test((e as Error).message), `→ ${re}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'mock-idp-'));
  try {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "user": {\n    "attributes": [,]\n  }\n}');
    assert.throws(() => loadMappings(file), /bad\.json: not valid JSON at line 3, column 20/, 'JSON syntax error located');
    assert.throws(() => loadMappings(join(dir, 'missing.json')), /cannot read mappings file/, 'missing file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the emulator's default mapping targets exactly core's list of Entra's default attributes", async () => {
  const { ENTRA_DEFAULT_USER_TARGETS, ENTRA_DEFAULT_GROUP_TARGETS } = await import('../../core/entra-default-mapping.js');
  const file = new URL('../../mock-idp/mappings/default-mappings.json', import.meta.url);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { user: { attributes: Array<{ target: string }> }; group: { attributes: Array<{ target: string }> } };
  assert.deepEqual(raw.user.attributes.map((a) => a.target), [...ENTRA_DEFAULT_USER_TARGETS], 'user targets, in mapping order');
  assert.deepEqual(raw.group.attributes.map((a) => a.target), [...ENTRA_DEFAULT_GROUP_TARGETS], 'group targets, in mapping order');
});
