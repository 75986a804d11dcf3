import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  attributeDef, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, isBoolean, isCaseExact, isMultiValued, resolveAttr, resourceTypes,
  schemaResources, serviceProviderConfig, splitAttrPath, USER_SCHEMA, type AttributeDef,
} from '../../../core/schema-defs/index.js';
import { URN } from '../../../core/urns.js';

const ENT = URN.EnterpriseUser;

function walk(defs: readonly AttributeDef[], visit: (d: AttributeDef, path: string) => void, prefix = ''): void {
  for (const d of defs) {
    visit(d, prefix + d.name);
    if (d.subAttributes) walk(d.subAttributes, visit, `${prefix}${d.name}.`);
  }
}

function hasNull(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.some(hasNull);
  if (typeof v === 'object') return Object.values(v as object).some(hasNull);
  return false;
}

describe('schema definitions (RFC 7643 §4, §8.7)', () => {
  it('serves User, EnterpriseUser and Group with absolute locations and no nulls (DISC-SCHEMAS)', () => {
    const served = schemaResources('https://h/scim/v2');
    assert.deepEqual(served.map((s) => s.id), [URN.User, ENT, URN.Group], 'the three schemas');
    for (const s of served) {
      assert.deepEqual(s.schemas, [URN.Schema], `${s.id} is a Schema resource`);
      assert.equal(s.meta.location, `https://h/scim/v2/Schemas/${s.id}`, `${s.id} location`);
      assert.equal(hasNull(s), false, `${s.id} holds no null`);
    }
    assert.equal(USER_SCHEMA.description, 'User Account', 'Postman item 6 looks for "User Account"');
    assert.notEqual(served[0], USER_SCHEMA, 'served copies are not the constants');
  });

  it('gives every attribute all characteristics with camelCase values', () => {
    const types = new Set(['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex']);
    for (const schema of [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA]) {
      walk(schema.attributes, (d, path) => {
        assert.ok(types.has(d.type), `${path} type ${d.type}`);
        assert.ok(['readOnly', 'readWrite', 'immutable', 'writeOnly'].includes(d.mutability), `${path} mutability`);
        assert.ok(['always', 'never', 'default', 'request'].includes(d.returned), `${path} returned`);
        assert.ok(['none', 'server', 'global'].includes(d.uniqueness), `${path} uniqueness`);
        assert.equal(typeof d.description, 'string', `${path} description`);
        assert.equal(d.type === 'complex', Array.isArray(d.subAttributes), `${path}: subAttributes iff complex`);
        if (d.type === 'reference') assert.ok(d.referenceTypes && d.referenceTypes.length > 0, `${path} referenceTypes`);
      });
    }
  });

  it('lists the RFC 7643 §4.1 User attributes in order', () => {
    assert.deepEqual(USER_SCHEMA.attributes.map((a) => a.name), [
      'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone',
      'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'groups', 'entitlements', 'roles', 'x509Certificates',
    ], 'User attributes');
    assert.deepEqual(ENTERPRISE_USER_SCHEMA.attributes.map((a) => a.name),
      ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'], 'EnterpriseUser attributes');
    assert.deepEqual(GROUP_SCHEMA.attributes.map((a) => a.name), ['displayName', 'members'], 'Group attributes');
  });

  it('pins the characteristics that behaviour depends on', () => {
    const u = (p: string): AttributeDef | undefined => attributeDef('User', p);
    assert.equal(u('userName')?.required, true, 'userName required');
    assert.equal(u('userName')?.uniqueness, 'server', 'userName unique');
    assert.equal(u('password')?.returned, 'never', 'password never returned');
    assert.equal(u('password')?.mutability, 'writeOnly', 'password writeOnly');
    assert.equal(u('groups')?.mutability, 'readOnly', 'groups readOnly');
    assert.deepEqual(u('emails.type')?.canonicalValues, ['work', 'home', 'other'], 'email types');
    assert.deepEqual(u('phoneNumbers.type')?.canonicalValues, ['work', 'home', 'mobile', 'fax', 'pager', 'other'], 'phone types');
    assert.equal(u('photos.value')?.type, 'reference', 'photo value is a reference');
    assert.equal(u('x509Certificates.value')?.type, 'binary', 'certificate is binary');
    assert.equal(u(`${ENT}:manager.displayName`)?.mutability, 'readOnly', 'manager.displayName readOnly');
    assert.deepEqual(attributeDef('Group', 'members.type')?.canonicalValues, ['User', 'Group'], 'member types');
    assert.equal(u('meta.created')?.type, 'dateTime', 'meta.created dateTime');
    assert.equal(u('id')?.returned, 'always', 'id always returned');
  });
});

describe('attribute lookup', () => {
  it('resolves core, sub-attribute and extension paths case-insensitively', () => {
    assert.equal(attributeDef('User', 'emails.Value')?.name, 'value', 'Entra writes .Value');
    assert.equal(attributeDef('User', 'ADDRESSES.formatted')?.name, 'formatted', 'any case');
    assert.equal(attributeDef('User', `${ENT}:employeeNumber`)?.name, 'employeeNumber', 'URN path');
    assert.equal(attributeDef('User', `${ENT.toUpperCase()}:MANAGER.VALUE`)?.name, 'value', 'URN in any case');
    assert.equal(attributeDef('User', `${URN.User}:userName`)?.name, 'userName', 'core-qualified');
    assert.equal(attributeDef('User', { attr: 'name', sub: 'givenName' })?.name, 'givenName', 'AttrPath object');
  });

  it('falls through from core to extension for unqualified names', () => {
    const r = resolveAttr('User', 'manager');
    assert.equal(r?.schema, ENT, 'manager lives in the enterprise extension');
    assert.equal(r?.extension, true, 'stored under the URN key');
    assert.equal(resolveAttr('User', 'userName')?.extension, false, 'core attribute');
  });

  it('returns undefined for unknown attributes, sub-attributes and URNs', () => {
    assert.equal(attributeDef('User', 'nope'), undefined, 'unknown attribute');
    assert.equal(attributeDef('User', 'name.nope'), undefined, 'unknown sub-attribute');
    assert.equal(attributeDef('User', 'userName.x'), undefined, 'sub of a simple attribute');
    assert.equal(attributeDef('User', 'urn:example:ext:1.0:User:x'), undefined, 'unknown extension');
    assert.equal(attributeDef('Group', `${ENT}:department`), undefined, 'no enterprise extension on groups');
    assert.equal(attributeDef('User', 'members'), undefined, 'members is a Group attribute');
    assert.equal(attributeDef('User', ENT), undefined, 'a bare extension URN is not an attribute');
  });

  it('answers isCaseExact / isBoolean / isMultiValued', () => {
    assert.equal(isCaseExact('User', 'id'), true, 'id caseExact');
    assert.equal(isCaseExact('User', 'externalId'), true, 'externalId caseExact');
    assert.equal(isCaseExact('User', 'userName'), false, 'userName not caseExact');
    assert.equal(isCaseExact('User', 'emails.value'), false, 'emails.value not caseExact');
    assert.equal(isCaseExact('Group', 'displayName'), false, 'group displayName not caseExact');
    assert.equal(isCaseExact('User', 'unknownThing'), false, 'unknown defaults to case-insensitive');
    assert.equal(isBoolean('User', 'active'), true, 'active');
    assert.equal(isBoolean('User', 'emails.primary'), true, 'emails.primary');
    assert.equal(isBoolean('User', 'roles.Primary'), true, 'roles.primary any case');
    assert.equal(isBoolean('User', 'addresses.primary'), true, 'addresses.primary');
    assert.equal(isBoolean('User', 'title'), false, 'title');
    assert.equal(isMultiValued('User', 'emails'), true, 'emails');
    assert.equal(isMultiValued('User', 'emails.value'), false, 'a sub-attribute itself is single');
    assert.equal(isMultiValued('User', 'schemas'), true, 'schemas');
    assert.equal(isMultiValued('Group', 'members'), true, 'members');
  });

  it('splits attribute path text', () => {
    assert.deepEqual(splitAttrPath('name.givenName'), { attr: 'name', sub: 'givenName' }, 'dotted');
    assert.deepEqual(splitAttrPath(`${ENT}:manager.value`), { uri: ENT, attr: 'manager', sub: 'value' }, 'URN with sub');
    assert.deepEqual(splitAttrPath(ENT), { uri: ENT }, 'bare URN');
    assert.deepEqual(splitAttrPath('urn:example:ext:1.0:User:tag'), { uri: 'urn:example:ext:1.0:User', attr: 'tag' }, 'unknown URN');
  });
});

describe('ServiceProviderConfig and ResourceTypes', () => {
  it('declares patch, filter, sort, etag; no bulk, no changePassword; OAuth bearer (DISC-SPC)', () => {
    const spc = serviceProviderConfig({ baseUrl: 'https://h/scim', maxResults: 200, maxPayloadSize: 1_048_576 }) as Record<string, any>; // any: reading a fixture
    assert.deepEqual(spc.schemas, [URN.ServiceProviderConfig], 'schema URN');
    assert.equal(spc.patch.supported, true, 'patch');
    assert.deepEqual(spc.filter, { supported: true, maxResults: 200 }, 'filter with maxResults');
    assert.equal(spc.bulk.supported, false, 'bulk off');
    assert.equal(spc.bulk.maxPayloadSize, 1_048_576, 'maxPayloadSize');
    assert.equal(spc.changePassword.supported, false, 'changePassword off');
    assert.equal(spc.sort.supported, true, 'sort');
    assert.equal(spc.etag.supported, true, 'etag');
    assert.equal(spc.authenticationSchemes[0].type, 'oauthbearertoken', 'OAuth bearer');
    assert.equal(spc.meta.location, 'https://h/scim/ServiceProviderConfig', 'location');
    assert.equal(hasNull(spc), false, 'no nulls');
  });

  it('lists User first with the enterprise extension, then Group (DISC-RESOURCETYPES, Postman item 4)', () => {
    const [user, group] = resourceTypes('https://h/scim') as Record<string, any>[]; // any: reading a fixture
    assert.equal(user?.endpoint, '/Users', 'Postman asserts Resources[0].endpoint === "/Users"');
    assert.equal(user?.schema, URN.User, 'User schema');
    assert.deepEqual(user?.schemaExtensions, [{ schema: ENT, required: false }], 'enterprise extension');
    assert.equal(group?.endpoint, '/Groups', 'Group endpoint');
    assert.equal(group?.meta.location, 'https://h/scim/ResourceTypes/Group', 'location');
  });
});
