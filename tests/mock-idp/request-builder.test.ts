/**
 * Pins every documented request shape of docs/entra-behaviour.md §2 and §3.3 byte for byte (JSON.stringify equality, so key
 * order counts) in both PATCH dialects. The expected bodies are that document's examples copied as text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serializeQuery, type ScimRequest } from '../../core/client/request.js';
import { createRequestBuilder, diffForPatch, filterLiteral, MANAGER_PATH } from '../../mock-idp/request-builder.js';
import { readPath } from '../../core/filter/index.js';
import { buildResource } from '../../mock-idp/scim-paths.js';

const plain = createRequestBuilder({ dialect: 'default' });
const flagged = createRequestBuilder({ dialect: 'aadOptscim062020' });

/** Asserts the body serialises exactly like the documented example (whitespace-normalised, order kept). */
function sameBytes(req: ScimRequest, doc: string, what: string): void {
  assert.equal(JSON.stringify(req.body), JSON.stringify(JSON.parse(doc)), `${what}: body must equal the documented example byte for byte`);
}
function wire(req: ScimRequest): string {
  return `${req.method} ${req.path}${serializeQuery(req.query, req.queryStyle)}`;
}

test('§2.1.1 POST /Users: schemas [core, enterprise], externalId, userName, then sorted; roles [] added', () => {
  const doc = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee","active":true,
    "emails":[{"primary":true,"type":"work","value":"Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"}],
    "meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[]}`;
  for (const b of [plain, flagged]) {
    // Input in another key order, with a string boolean and nulls: the builder canonicalises all of it.
    const req = b.createUser({
      name: { givenName: 'givenName', familyName: 'familyName', formatted: 'givenName familyName' },
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      emails: [{ value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: 'True' }],
      active: 'True',
      title: null,
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    });
    assert.equal(wire(req), 'POST /Users', 'create goes to POST /Users');
    sameBytes(req, doc, `§2.1.1 (${b.dialect})`);
  }
});

test('§2.1.1 from mapped values: buildResource folds flat Entra paths into the same body', () => {
  const values = {
    userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    active: 'True',
    'emails[type eq "work"].value': 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com',
    'name.givenName': 'givenName',
    'name.familyName': 'familyName',
    'name.formatted': 'givenName familyName',
    'addresses[type eq "work"].postalCode': null,
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  };
  const req = plain.createUser(buildResource(values) as { userName: string });
  const body = req.body as Record<string, unknown>;
  assert.equal(body.active, true, 'active is a real boolean on POST');
  assert.deepEqual(body.emails, [{ primary: true, type: 'work', value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com' }], 'work email is primary');
  assert.equal('addresses' in body, false, 'null values are omitted');
  assert.deepEqual(Object.keys(body), ['schemas', 'externalId', 'userName', 'active', 'emails', 'meta', 'name', 'roles'], 'key order as §2.1.1');
});

test('§2.5.4 role POST examples keep primary, type, then the rest in order', () => {
  const req = plain.createUser({
    userName: 'alias@contoso.OnMicrosoft.com', externalId: 'alias', active: true, displayName: 'First Name Last Name',
    roles: [{ value: 'Admin', displayName: 'Admin', primary: false, type: 'WindowsAzureActiveDirectoryRole' },
      { value: 'User', displayName: 'User', type: 'WindowsAzureActiveDirectoryRole', primary: false }],
  });
  const doc = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId":"alias","userName":"alias@contoso.OnMicrosoft.com","active":true,"displayName":"First Name Last Name",
    "meta":{"resourceType":"User"},"roles":[{"primary":false,"type":"WindowsAzureActiveDirectoryRole","displayName":"Admin","value":"Admin"},
    {"primary":false,"type":"WindowsAzureActiveDirectoryRole","displayName":"User","value":"User"}]}`;
  sameBytes(req, doc, '§2.5.4 AppRoleAssignmentsComplex POST (schemas per the brief: core + enterprise)');
});

test('§2.2.1 POST /Groups: two schema URIs, no members', () => {
  const doc = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
    "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"displayName","meta":{"resourceType":"Group"}}`;
  for (const b of [plain, flagged]) {
    const req = b.createGroup({ displayName: 'displayName', externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159' });
    assert.equal(wire(req), 'POST /Groups', 'group create goes to POST /Groups');
    sameBytes(req, doc, `§2.2.1 (${b.dialect})`);
  }
});

test('§2.1.2–§2.1.4, §2.2.2, §2.2.3, §1.6: GETs and queries as Entra encodes them', () => {
  assert.equal(wire(plain.getUser('5d48a0a8e9f04aa38008')), 'GET /Users/5d48a0a8e9f04aa38008', '§2.1.2');
  assert.equal(
    wire(plain.findUser('userName', 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee')),
    'GET /Users?filter=userName+eq+%22Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee%22',
    '§2.1.3 with Entra encoding (+, %22)',
  );
  assert.equal(wire(plain.findUser('externalId', 'johnwong')), 'GET /Users?filter=externalId+eq+%22johnwong%22', 'observed Entra traffic [OBS #11784]');
  const validator = createRequestBuilder({ dialect: 'aadOptscim062020', queryStyle: 'validator' });
  assert.equal(wire(validator.findUser('userName', 'adrianna_jenkins@jewessupton.com')), 'GET /Users?filter=userName+eq+"adrianna_jenkins%40jewessupton.com"', '§5.3 validator encoding');
  assert.equal(wire(plain.getGroup('40734ae655284ad3abcc')), 'GET /Groups/40734ae655284ad3abcc?excludedAttributes=members', '§2.2.2');
  assert.equal(wire(plain.getGroup('g1', { excludeMembers: false })), 'GET /Groups/g1', 'members only when asked');
  assert.equal(wire(plain.findGroup('displayName')), 'GET /Groups?excludedAttributes=members&filter=displayName+eq+%22displayName%22', '§2.2.3 parameter order');
  assert.equal(wire(plain.testConnectionUsers(undefined, 'g-1')), 'GET /Users?filter=userName+eq+%22g-1%22', '§1.6 test connection on the matching attribute');
  assert.equal(wire(plain.testConnectionUsers('externalId', 'g-1')), 'GET /Users?filter=externalId+eq+%22g-1%22', '§1.6 other matching attribute');
  assert.equal(wire(plain.testConnectionGroups('g-2')), 'GET /Groups?excludedAttributes=members&filter=displayName+eq+%22g-2%22', '§1.6 group probe');
  const random = plain.testConnectionUsers().query?.[0]?.[1] ?? '';
  assert.match(random, /^userName eq "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/, 'random GUID by default');
  assert.equal(
    wire(plain.referenceCheck('54D382A4-2050-4C03-94D1-E769F1D15682', '2819c223-7f76-453a-919d-413861904646')),
    'GET /Users?filter=id+eq+%2254D382A4-2050-4C03-94D1-E769F1D15682%22+and+manager+eq+%222819c223-7f76-453a-919d-413861904646%22&attributes=id',
    '§2.4 Example 4 (values quoted)',
  );
  assert.equal(filterLiteral('a"b\\c'), '"a\\"b\\\\c"', 'quotes and backslashes escaped in filter literals');
  assert.equal(plain.getUser('a/b').path, '/Users/a%2Fb', 'ids are path-encoded');
});

test('§2.1.5, §2.1.6, §2.2.4: default-dialect updates, one op per attribute', () => {
  sameBytes(
    plain.updateUser('6764549bef60420686bc', [
      { path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com', kind: 'replace' },
      { path: 'name.familyName', value: 'updatedFamilyName', kind: 'replace' },
    ]),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
      {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}`,
    '§2.1.5',
  );
  const single = plain.updateUser('5171a35d82074e068ce2', [{ path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com', kind: 'replace' }]);
  assert.equal(wire(single), 'PATCH /Users/5171a35d82074e068ce2', '§2.1.6 path');
  assert.equal(single.step, 'PATCH /Users/{id} replace userName', 'wire-like step name');
  sameBytes(single, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"userName","value":"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]}`, '§2.1.6');
  sameBytes(
    plain.updateGroup('fa2ce26709934589afc5', [{ path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName', kind: 'replace' }]),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}`,
    '§2.2.4',
  );
});

test('§2.2.5, §2.2.6, §3.3.4: member add and remove in both dialects', () => {
  sameBytes(
    plain.addMembers('a99962b9f99d4c4fac67', ['f648f8d5ea4e4cd38e9c']),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"f648f8d5ea4e4cd38e9c"}]}]}`,
    '§2.2.5',
  );
  sameBytes(
    flagged.addMembers('g', ['a', 'b']),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"$ref":null,"value":"a"},{"$ref":null,"value":"b"}]}]}`,
    'Q5 flagged add: lower-case op, several members per op',
  );
  sameBytes(
    createRequestBuilder({ dialect: 'default', removeMembersShape: 'doc' }).removeMembers('a99962b9f99d4c4fac67', ['f648f8d5ea4e4cd38e9c']),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"f648f8d5ea4e4cd38e9c"}]}]}`,
    '§2.2.6',
  );
  sameBytes(
    plain.removeMembers('g', ['u1091']),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"u1091"}]}]}`,
    '§3.3.4 without flag',
  );
  sameBytes(
    flagged.removeMembers('g', ['7f4bc1a3-285e-48ae-8202-5accb43efb0e']),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"7f4bc1a3-285e-48ae-8202-5accb43efb0e\\"]"}]}`,
    '§3.3.4 with flag',
  );
  const two = flagged.removeMembers('g', ['a', 'b']).body as { Operations: unknown[] };
  assert.equal(two.Operations.length, 2, 'flagged removal: one op per member in one PATCH');
});

test('§2.1.8, §2.2.7: deletes', () => {
  assert.equal(wire(plain.deleteUser('5171a35d82074e068ce2')), 'DELETE /Users/5171a35d82074e068ce2', '§2.1.8');
  assert.equal(wire(flagged.deleteGroup('cdb1ce18f65944079d37')), 'DELETE /Groups/cdb1ce18f65944079d37', '§2.2.7');
  assert.equal(plain.deleteUser('x').body, undefined, 'DELETE has no body');
});

test('§3.3.1 disable: "False" string without the flag, boolean with it', () => {
  const without = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}`;
  const withFlag = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}`;
  sameBytes(plain.setActive('u', false), without, '§3.3.1 setActive without flag');
  sameBytes(flagged.setActive('u', false), withFlag, '§3.3.1 setActive with flag');
  sameBytes(plain.updateUser('u', [{ path: 'active', value: 'False', kind: 'replace' }]), without, '§3.3.1 via the diff without flag');
  sameBytes(flagged.updateUser('u', [{ path: 'active', value: 'False', kind: 'replace' }]), withFlag, '§3.3.1 via the diff with flag (a lone active keeps its path)');
  assert.equal(plain.setActive('u', false).step, 'PATCH /Users/{id} replace active=false', 'step name');
  assert.deepEqual((plain.setActive('u', true).body as { Operations: unknown[] }).Operations, [{ op: 'Replace', path: 'active', value: 'True' }], 'restore: "True"');
});

test('§3.3.2 add a single-value string attribute: only the op casing differs', () => {
  sameBytes(plain.updateUser('u', [{ path: 'nickName', value: 'Babs', kind: 'add' }]),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}`, '§3.3.2 without flag');
  sameBytes(flagged.updateUser('u', [{ path: 'nickName', value: 'Babs', kind: 'add' }]),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}`, '§3.3.2 with flag');
});

test('§3.3.3 replace multiple attributes: one op each vs filtered ops + one path-less replace with dotted keys', () => {
  const emp = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber';
  sameBytes(
    plain.updateUser('u', [
      { path: 'displayName', value: 'Pvlo', kind: 'replace' },
      { path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com', kind: 'replace' },
      { path: 'name.givenName', value: 'Gtfd', kind: 'replace' },
      { path: 'name.familyName', value: 'Pkqf', kind: 'replace' },
      { path: 'externalId', value: 'Eqpj', kind: 'replace' },
      { path: emp, value: 'Eqpj', kind: 'replace' },
    ]),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
      {"op":"Replace","path":"displayName","value":"Pvlo"},
      {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"TestBcwqnm@test.microsoft.com"},
      {"op":"Replace","path":"name.givenName","value":"Gtfd"},
      {"op":"Replace","path":"name.familyName","value":"Pkqf"},
      {"op":"Replace","path":"externalId","value":"Eqpj"},
      {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Eqpj"}]}`,
    '§3.3.3 without flag',
  );
  sameBytes(
    flagged.updateUser('u', [
      { path: 'displayName', value: 'Bjfe', kind: 'replace' },
      { path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com', kind: 'replace' },
      { path: 'name.givenName', value: 'Kkom', kind: 'replace' },
      { path: 'name.familyName', value: 'Unua', kind: 'replace' },
      { path: emp, value: 'Aklq', kind: 'replace' },
    ]),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
      {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"TestMhvaes@test.microsoft.com"},
      {"op":"replace","value":{"displayName":"Bjfe","name.givenName":"Kkom","name.familyName":"Unua",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}}]}`,
    '§3.3.3 with flag',
  );
  sameBytes(
    flagged.updateUser('u', [{ path: 'userName', value: 'delpha@mullerwintheiser.biz', kind: 'replace' }]),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"userName":"delpha@mullerwintheiser.biz"}}]}`,
    '§5.3 test 7: a single simple replace is path-less too in the flagged dialect',
  );
  const mixed = flagged.updateUser('u', [
    { path: 'active', value: 'True', kind: 'replace' },
    { path: 'displayName', value: 'D', kind: 'replace' },
    { path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'R&D', kind: 'add' },
  ]).body as { Operations: unknown[] };
  assert.deepEqual(mixed.Operations, [
    { op: 'add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'R&D' },
    { op: 'replace', value: { active: true, displayName: 'D' } },
  ], 'flagged: adds keep their path, active inside the value object is a boolean');
  const mixedPlain = plain.updateUser('u', [{ path: 'active', value: true, kind: 'replace' }, { path: 'title', value: 'T', kind: 'add' }]).body as { Operations: unknown[] };
  assert.deepEqual(mixedPlain.Operations, [{ op: 'Replace', path: 'active', value: 'True' }, { op: 'Add', path: 'title', value: 'T' }], 'default: boolean active becomes "True"');
});

test('§2.4 Example 5 and Q7/Q8: manager set in three styles and removed', () => {
  sameBytes(
    plain.setManager('u', 'm1'),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m1"}]}`,
    'Q7 bare string (observed Entra)',
  );
  sameBytes(
    flagged.setManager('u', 'AXTKDLNRKMKT', 'add', 'object'),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"AXTKDLNRKMKT"}}]}`,
    '§5.3 test 9 object style',
  );
  assert.equal((flagged.setManager('u', 'm', 'replace').body as { Operations: Array<{ op: string }> }).Operations[0]?.op, 'replace', 'replace op, dialect-cased');
  sameBytes(
    createRequestBuilder({ dialect: 'default', baseUrl: 'http://.../scim/' }).setManager('a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1', '00aa00aa-bb11-cc22-dd33-44ee44ee44ee', 'add', 'array'),
    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"manager","value":[{"$ref":"http://.../scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee","value":"00aa00aa-bb11-cc22-dd33-44ee44ee44ee"}]}]}`,
    '§2.4 Example 5',
  );
  sameBytes(plain.removeManager('u'), `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]}`, 'Q8 without flag');
  sameBytes(flagged.removeManager('u'), `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]}`, 'Q8 with flag');
  assert.equal(MANAGER_PATH, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'manager path constant');
});

test('diffForPatch: Add when the target lacks a value, Replace when it differs, never a null-clear (§4.6, Q15)', () => {
  const current = {
    userName: 'a@x', active: true, displayName: 'Old', name: { givenName: 'G' },
    emails: [{ type: 'work', value: 'a@x', primary: true }],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales', manager: { value: 'm1' } },
  };
  const changes = diffForPatch(current, {
    userName: 'a@x',
    active: 'True',
    displayName: 'New',
    'name.givenName': 'G',
    'name.familyName': 'F',
    'emails[type eq "work"].Value': 'b@x',
    'phoneNumbers[type eq "mobile"].value': '555',
    title: null,
    nickName: '',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'Sales',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager': 'm2',
  });
  assert.deepEqual(changes, [
    { path: 'displayName', value: 'New', kind: 'replace' },
    { path: 'name.familyName', value: 'F', kind: 'add' },
    { path: 'emails[type eq "work"].Value', value: 'b@x', kind: 'replace' },
    { path: 'phoneNumbers[type eq "mobile"].value', value: '555', kind: 'add' },
    { path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: 'm2', kind: 'replace' },
  ], 'only real changes, in mapping order; "True" equals true; a manager object equals its id');
  assert.deepEqual(diffForPatch(undefined, { userName: 'u', title: null }), [{ path: 'userName', value: 'u', kind: 'add' }], 'no target: every value is an Add');
  assert.deepEqual(diffForPatch({ active: 'false' }, { active: 'False' }), [], 'string booleans compare case-insensitively');
});

test('scim-paths: buildResource makes entries of filter literals, sub names in the schema\'s spelling', () => {
  const built = buildResource({ 'roles[primary eq "True"].value': 'Admin', 'addresses[type eq "other"].Formatted': 'Bldg 1' });
  assert.deepEqual(built, { roles: [{ primary: true, value: 'Admin' }], addresses: [{ type: 'other', formatted: 'Bldg 1' }] }, 'filter literals become entries, sub names camel-cased');
  assert.equal(readPath(built, 'addresses[type eq "OTHER"].formatted'), 'Bldg 1', 'readPath is re-exported for cycles/ and suites/lifecycle/');
});
