/** Schema profiles: `full` is the RFC 7643 definitions as before; `minimal` is derived from Entra's default mapping. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENTRA_DEFAULT_GROUP_TARGETS, ENTRA_DEFAULT_USER_TARGETS } from '../../../core/entra-default-mapping.js';
import { parsePath, referencedPaths } from '../../../core/filter/index.js';
import {
  COMMON_ATTRIBUTES, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, resolveAttr, schemaResources, schemasFor, USER_SCHEMA,
  type AttributeDef, type SchemaResource,
} from '../../../core/schema-defs/index.js';
import type { ResourceType } from '../../../core/resource-type.js';
import { deriveSchemas } from '../../../core/schema-defs/profile.js';
import { HarnessError } from '../../../core/errors.js';
import { URN } from '../../../core/urns.js';

const ENT = URN.EnterpriseUser;

/** `attr` and `attr.sub` for every attribute the schemas declare, extension ones URN-qualified. */
function declaredPaths(schemas: readonly SchemaResource[]): string[] {
  return schemas.flatMap((s) => s.attributes.flatMap((a) => {
    const name = s.id === ENT ? `${ENT}:${a.name}` : a.name;
    return [name, ...(a.subAttributes ?? []).map((sub) => `${name}.${sub.name}`)];
  })).sort();
}

/**
 * What the targets need declared, read with core/filter's own path parser (the derivation under test reads them with
 * a pattern): a whole attribute, a sub-attribute, or a value filter's attributes, the sub written and `primary`.
 */
function neededBy(type: ResourceType, targets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const target of targets) {
    const p = parsePath(target);
    const top = resolveAttr(type, { ...(p.uri ? { uri: p.uri } : {}), attr: p.attr ?? '' });
    assert.ok(top, `${target} names an attribute of the full ${type} schema`);
    if (COMMON_ATTRIBUTES.includes(top.attr)) continue;
    const name = top.extension ? `${top.schema}:${top.attr.name}` : top.attr.name;
    out.add(name);
    const subs = p.sub === undefined && !p.filter
      ? (top.attr.subAttributes ?? []).map((s) => s.name)
      : [...(p.sub ? [p.sub] : []), ...(p.filter ? [...referencedPaths(p.filter).map((f) => f.attr ?? ''), 'primary'] : [])];
    for (const sub of subs) out.add(`${name}.${sub}`);
  }
  return [...out].sort();
}

describe('schema profiles', () => {
  it('full is the RFC 7643 definitions, the same objects as before', () => {
    assert.deepEqual(schemasFor('full'), [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA], 'User, EnterpriseUser, Group');
    assert.deepEqual(schemaResources('https://h/scim/v2', 'full'), schemaResources('https://h/scim/v2'), 'full is the default');
    assert.equal(resolveAttr('User', 'nickName')?.attr.name, 'nickName', 'the default lookup still finds every attribute');
  });

  it('minimal declares exactly what Entra\'s default mapping targets need (derived from core/entra-default-mapping.ts)', () => {
    const [user, ent, group] = schemasFor('minimal');
    assert.deepEqual([user?.id, ent?.id, group?.id], [URN.User, ENT, URN.Group], 'the same three schemas, in order');
    assert.deepEqual(declaredPaths([user!, ent!]), neededBy('User', ENTRA_DEFAULT_USER_TARGETS), 'User and EnterpriseUser');
    assert.deepEqual(declaredPaths([group!]), neededBy('Group', ENTRA_DEFAULT_GROUP_TARGETS), 'Group');
  });

  it('minimal today: the attributes the brief of issue #21 lists', () => {
    const shape = (s: SchemaResource | undefined): string[] =>
      (s?.attributes ?? []).map((a) => (a.subAttributes ? `${a.name}{${a.subAttributes.map((x) => x.name).join(',')}}` : a.name));
    const [user, ent, group] = schemasFor('minimal');
    assert.deepEqual(shape(user), [
      'userName', 'name{formatted,familyName,givenName}', 'displayName', 'title', 'preferredLanguage', 'active',
      'emails{value,type,primary}', 'phoneNumbers{value,type,primary}',
      'addresses{formatted,streetAddress,locality,region,postalCode,country,type,primary}',
    ], 'User');
    assert.deepEqual(shape(ent), ['employeeNumber', 'department', 'manager{value,$ref,displayName}'], 'EnterpriseUser');
    assert.deepEqual(shape(group), ['displayName', 'members{value,$ref,type,display}'], 'Group');
  });

  it('minimal keeps every characteristic of what it declares, and the schema resources\' own fields', () => {
    const full = schemasFor('full');
    schemasFor('minimal').forEach((schema, i) => {
      const whole = full[i];
      assert.deepEqual({ ...schema, attributes: [] }, { ...whole, attributes: [] }, `${schema.id}: id, name, description, meta`);
      for (const attr of schema.attributes) {
        const original = whole?.attributes.find((a) => a.name === attr.name);
        const strip = (a: AttributeDef | undefined): unknown => (a ? { ...a, subAttributes: undefined } : a);
        assert.deepEqual(strip(attr), strip(original), `${attr.name}: characteristics as in the full schema`);
        for (const sub of attr.subAttributes ?? []) {
          assert.equal(sub, original?.subAttributes?.find((s) => s.name === sub.name), `${attr.name}.${sub.name} is the full definition`);
        }
      }
    });
    assert.equal(schemasFor('minimal'), schemasFor('minimal'), 'derived once');
  });

  it('follows the targets: one more target declares one more attribute, a target the schemas lack is our bug', () => {
    const more = deriveSchemas({ User: [...ENTRA_DEFAULT_USER_TARGETS, 'nickName', 'roles[primary eq "True"].value'], Group: ENTRA_DEFAULT_GROUP_TARGETS });
    assert.deepEqual(declaredPaths(more).filter((p) => !declaredPaths(schemasFor('minimal')).includes(p)),
      ['nickName', 'roles', 'roles.primary', 'roles.value'], 'nickName, and roles with the sub written and the filter\'s primary');
    for (const bad of ['nickname.x', 'noSuchAttribute', 'emails[kind eq "work"].value', 'urn:example:ext:User:x', 'emails[']) {
      assert.throws(() => deriveSchemas({ User: [bad], Group: [] }),
        (e: unknown) => e instanceof HarnessError && e.code === 'HARNESS_INTERNAL' && e.message.includes(bad), `${bad} is refused`);
    }
  });

  it('serves the minimal schemas with absolute locations, as copies', () => {
    const served = schemaResources('https://h/scim/v2', 'minimal');
    assert.deepEqual(served.map((s) => s.meta.location), [URN.User, ENT, URN.Group].map((id) => `https://h/scim/v2/Schemas/${id}`), 'locations');
    assert.notEqual(served[0], schemasFor('minimal')[0], 'served copies are not the derived constants');
  });
});

describe('attribute lookup in the minimal profile', () => {
  it('resolves declared attributes case-insensitively, with the extension fall-through', () => {
    const m = (type: ResourceType, path: string): string | undefined => resolveAttr(type, path, 'minimal')?.def.name;
    assert.equal(m('User', 'EMAILS.Value'), 'value', 'any case');
    assert.equal(m('User', `${ENT.toUpperCase()}:MANAGER.value`), 'value', 'URN in any case');
    assert.equal(m('User', 'manager'), 'manager', 'unqualified manager falls through to the extension');
    assert.equal(m('User', 'addresses.PostalCode'), 'postalCode', 'address part');
    assert.equal(m('Group', 'members.display'), 'display', 'member display');
  });

  it('resolves the common attributes, which every profile accepts', () => {
    for (const path of ['id', 'externalId', 'schemas', 'meta', 'meta.created', 'META.lastModified']) {
      assert.ok(resolveAttr('User', path, 'minimal'), `User ${path}`);
      assert.ok(resolveAttr('Group', path, 'minimal'), `Group ${path}`);
    }
  });

  it('does not resolve what minimal leaves out', () => {
    for (const path of ['nickName', 'name.middleName', 'roles', 'roles.value', 'groups', 'password', 'emails.display', 'phoneNumbers.display',
      `${ENT}:costCenter`, 'costCenter', `${URN.User}:nickName`, 'x509Certificates']) {
      assert.equal(resolveAttr('User', path, 'minimal'), undefined, `${path} is undeclared`);
      assert.ok(resolveAttr('User', path), `${path} is declared by the full profile`);
    }
  });
});
