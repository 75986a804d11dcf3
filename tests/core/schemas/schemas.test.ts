import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { definitions, type SchemaName } from '../../../core/schemas/definitions.js';
import { describeSchemaError, validateScim } from '../../../core/schemas/index.js';
import { createAjv, GENERATED_FILE, standaloneSource } from '../../../core/schemas/standalone.js';
import { URN } from '../../../core/urns.js';

test('the committed validators are the ones the definitions compile to', () => {
  assert.equal(
    readFileSync(GENERATED_FILE, 'utf8'),
    standaloneSource(),
    'core/schemas/validators.generated.cjs is stale: run `npm run generate:validators` and commit it',
  );
});

const user = {
  schemas: [URN.User],
  id: '2819c223',
  userName: 'bjensen@example.com',
  active: true,
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  meta: { resourceType: 'User', created: '2026-12-03T10:00:00.000Z', lastModified: '2026-12-03T10:00:00.000Z', location: 'https://x/Users/2819c223', version: 'W/"1"' },
};
const samples: Array<[SchemaName, unknown, string]> = [
  ['User', user, 'a valid user'],
  ['User', { ...user, active: 'True' }, 'a string where a boolean belongs'],
  ['User', { schemas: [URN.User], id: 'x' }, 'no userName'],
  ['User', { ...user, schemas: [URN.Group] }, 'schemas without the User URN'],
  ['User', { ...user, meta: { ...user.meta, created: 'yesterday' } }, 'a created that is not a date-time'],
  ['User', 'not an object', 'not an object at all'],
  ['Group', { schemas: [URN.Group], id: 'g', displayName: 'Sales', members: [{ value: 'u1' }] }, 'a valid group'],
  ['Group', { schemas: [URN.Group], id: 'g', members: {} }, 'members not an array, no displayName'],
  ['ListResponse', { schemas: [URN.ListResponse], totalResults: 1, Resources: [user], startIndex: 1, itemsPerPage: 1 }, 'a valid list'],
  ['ListResponse', { schemas: [URN.ListResponse], totalResults: '1' }, 'totalResults as a string'],
  ['Error', { schemas: [URN.Error], status: '404', detail: 'gone' }, 'a valid error'],
  ['Error', { schemas: [URN.Error], status: 404 }, 'status as a number'],
  ['PatchOp', { schemas: [URN.PatchOp], Operations: [{ op: 'replace', path: 'active', value: false }] }, 'a valid PATCH'],
  ['PatchOp', { schemas: [URN.PatchOp] }, 'no Operations'],
  ['ServiceProviderConfig', {}, 'an empty ServiceProviderConfig'],
  ['Schema', { id: URN.User }, 'a schema without attributes'],
  ['ResourceType', { name: 'User' }, 'a resource type without endpoint and schema'],
];

test('the ahead-of-time validators judge like ajv compiling the definitions now, errors included', () => {
  const ajv = createAjv();
  let invalid = 0;
  for (const [name, value, what] of samples) {
    const compiled = ajv.compile(definitions[name]);
    const expectedValid = compiled(value) as boolean;
    const expectedErrors = (compiled.errors ?? []).map(describeSchemaError);
    const got = validateScim(name, value);
    assert.equal(got.valid, expectedValid, `${name}: ${what}`);
    assert.deepEqual(got.errors, expectedValid ? [] : expectedErrors, `${name}: ${what} (errors)`);
    if (!got.valid) invalid++;
  }
  assert.ok(invalid >= 10, 'the samples include invalid documents, so agreement is not only on "valid"');
});

test('errors read as a JSON pointer and what is wrong there', () => {
  assert.deepEqual(validateScim('User', { ...user, active: 'True' }), { valid: false, errors: ['/active must be boolean'] });
  assert.ok(validateScim('User', { ...user, meta: { ...user.meta, created: 'yesterday' } }).errors.includes('/meta/created must match format "date-time"'));
  assert.deepEqual(validateScim('User', user), { valid: true, errors: [] });
});
