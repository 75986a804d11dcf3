/** The attribute set a run writes from: keys of Entra target paths, /Schemas readings, the --attributes file, discovery. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeKeys, AttributeSet } from '../../../core/attributes/attribute-set.js';
import { attributesFromSchemas } from '../../../core/attributes/from-schemas.js';
import { parseAttributeMapping, readAttributeMapping } from '../../../core/attributes/mapping-file.js';
import { defaultMappingSet, discoverAttributes } from '../../../core/attributes/discover.js';
import { ENTRA_DEFAULT_USER_TARGETS } from '../../../core/entra-default-mapping.js';
import { HarnessError } from '../../../core/errors.js';
import { schemaResources } from '../../../core/schema-defs/index.js';
import { URN } from '../../../core/urns.js';
import type { ScimClient } from '../../../core/client/scim-client.js';

const E = URN.EnterpriseUser;

test('attributeKeys: the attribute, the sub-attribute it addresses and those its filter selects on', () => {
  assert.deepEqual(attributeKeys('User', 'emails[type eq "work"].value'), ['emails', 'emails.value', 'emails.type'], 'filtered path');
  assert.deepEqual(attributeKeys('User', 'roles[primary eq "True"].value'), ['roles', 'roles.value', 'roles.primary'], 'string boolean in the filter');
  assert.deepEqual(attributeKeys('User', 'Name.GivenName'), ['name', 'name.givenname'], 'case folded');
  assert.deepEqual(attributeKeys('User', `${E}:department`), [`${E.toLowerCase()}:department`], 'extension URN kept');
  assert.deepEqual(attributeKeys('User', `${URN.User}:userName`), ['username'], 'the core URN is the same as none');
  assert.equal(attributeKeys('User', 'emails[type eq'), undefined, 'not a path');
});

test('a set from paths answers has/missing, and says where it came from in the n/a reason', () => {
  const set = AttributeSet.fromPaths('attributes-file', { user: ['userName', 'emails[type eq "work"].value', `${E}:department`], group: ['displayName'] });
  assert.ok(set.has('User', 'emails[type eq "other"].value'), 'the filter value does not matter, the attributes do');
  assert.ok(set.has('User', 'externalId') && set.has('User', 'id'), 'common attributes are always there');
  assert.ok(!set.has('User', 'emails[primary eq true].value'), 'primary is not declared');
  assert.deepEqual(set.missing('User', ['userName', 'nickName', `${E}:costCenter`]), ['nickName', `${E}:costCenter`], 'missing ones in order');
  assert.equal(set.whyMissing('User', 'nickName'), 'nickName is not in the User attribute mapping given with --attributes', 'reason');
  assert.deepEqual(AttributeSet.fromJSON(set.toJSON()).toJSON(), set.toJSON(), 'round-trips through the report');
});

test('/Schemas: declared attributes, sub-attributes, extensions named by /ResourceTypes, sloppy complex attributes read generously', () => {
  const schemas = { Resources: [
    { id: URN.User, attributes: [
      { name: 'userName', type: 'string' },
      { name: 'name', type: 'complex', subAttributes: [{ name: 'givenName' }] },
      { name: 'emails', type: 'complex', multiValued: true },
    ] },
    { id: E, attributes: [{ name: 'department' }] },
    { id: 'urn:example:custom:2.0:User', attributes: [{ name: 'tag' }] },
  ] };
  const types = { Resources: [{ name: 'User', schema: URN.User, schemaExtensions: [{ schema: E }] }, { name: 'Group', schema: URN.Group }] };
  const reading = attributesFromSchemas(schemas, types);
  assert.ok('set' in reading, 'readable');
  const set = reading.set;
  assert.equal(set.source, 'schemas', 'source');
  assert.ok(set.has('User', 'name.givenName') && !set.has('User', 'name.familyName'), 'sub-attributes as declared');
  assert.ok(set.has('User', 'emails[type eq "work"].value'), 'a complex attribute without sub-attributes allows any');
  assert.ok(set.has('User', `${E}:department`), 'extension listed by /ResourceTypes');
  assert.ok(!set.has('User', 'urn:example:custom:2.0:User:tag'), 'a schema /ResourceTypes does not attach to User is not User\'s');
  assert.ok(set.has('Group', 'members'), 'no Group schema: Entra\'s group mapping');
  const bare = attributesFromSchemas(schemas.Resources, undefined);
  assert.ok('set' in bare && bare.set.has('User', 'urn:example:custom:2.0:User:tag'), 'a bare array works; without /ResourceTypes a …:User extension extends User');
  assert.deepEqual(attributesFromSchemas({ Resources: [] }, undefined), { problem: `/Schemas lists no ${URN.User} schema with attributes` }, 'no User schema');
  assert.deepEqual(attributesFromSchemas('oops', undefined), { problem: '/Schemas did not answer with a list of schemas' }, 'not a list');
});

test('the reference app\'s own /Schemas declares every attribute of Entra\'s default mapping', () => {
  const reading = attributesFromSchemas({ Resources: schemaResources('http://x/scim/v2') }, undefined);
  assert.ok('set' in reading, 'readable');
  assert.deepEqual(reading.set.missing('User', [...ENTRA_DEFAULT_USER_TARGETS]), [], 'all mapped targets declared');
});

test('--attributes: three accepted shapes; every mistake a HARNESS_CONFIG error naming the file and entry', () => {
  const asList = parseAttributeMapping(JSON.stringify({ user: ['userName', 'title'], group: ['displayName'] }), 'm.json');
  assert.ok(asList.has('User', 'title') && !asList.has('User', 'nickName'), 'list form');
  const emulator = parseAttributeMapping(JSON.stringify({ user: { attributes: [{ target: 'userName' }, { target: 'active' }] } }), 'm.json');
  assert.ok(emulator.has('User', 'active') && emulator.has('Group', 'displayName'), 'emulator mapping form; groups default to Entra\'s');
  assert.ok(parseAttributeMapping('["userName"]', 'm.json').has('User', 'userName'), 'bare array');
  const bad = (text: string, pattern: RegExp): void => assert.throws(() => parseAttributeMapping(text, 'm.json'),
    (err: unknown) => err instanceof HarnessError && err.code === 'HARNESS_CONFIG' && pattern.test(err.message), `${text} → ${pattern}`);
  bad('{', /^--attributes m\.json: not JSON/);
  bad('{"user": 3}', /user must be a list/);
  bad('{"user": ["userName", 7]}', /user\[1\] must be a target attribute path/);
  bad('{"user": ["userName", "emails[type eq"]}', /"emails\[type eq" is not an attribute path/);
  bad('{"user": ["title"]}', /must include userName/);
  const dir = mkdtempSync(join(tmpdir(), 'scr-attrs-'));
  try {
    writeFileSync(join(dir, 'm.json'), '["userName"]');
    assert.ok(readAttributeMapping(join(dir, 'm.json')).has('User', 'userName'), 'read from a file');
    assert.throws(() => readAttributeMapping(join(dir, 'none.json')), /cannot be read \(ENOENT\)/, 'missing file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A client answering GET /Schemas and /ResourceTypes from a table (status, body). */
function fakeClient(answers: Record<string, [number, unknown]>): ScimClient {
  return { send: async (req: { path: string }) => ({ status: answers[req.path]?.[0] ?? 404, body: answers[req.path]?.[1] }) } as unknown as ScimClient;
}

test('discovery: /Schemas when it can be read, else Entra\'s default mapping with the reason', async () => {
  const declared = await discoverAttributes(fakeClient({ '/Schemas': [200, { Resources: [{ id: URN.User, attributes: [{ name: 'userName' }] }] }], '/ResourceTypes': [404, undefined] }));
  assert.equal(declared.source, 'schemas', 'declared set');
  assert.ok(!declared.has('User', 'title'), 'only what is declared');
  const missing = await discoverAttributes(fakeClient({}));
  assert.equal(missing.source, 'default-mapping', 'fallback');
  assert.equal(missing.note, 'GET /Schemas answered 404', 'the reason');
  assert.ok(missing.has('User', 'title') && !missing.has('User', 'nickName') && missing.has('User', 'emails[type eq "work"].primary'), 'Entra\'s mapping, and the primary flag its create sends');
  const garbage = await discoverAttributes(fakeClient({ '/Schemas': [200, '<html>'] }));
  assert.equal(garbage.note, '/Schemas did not answer with a list of schemas', 'unusable answer');
  assert.deepEqual(defaultMappingSet('x').toJSON().user.includes('nickname'), false, 'nickName is not in the default mapping');
});
