import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateFilter, parseFilter } from '../../../core/filter/index.js';
import type { ResourceType } from '../../../core/resource-type.js';
import { enterpriseUser, fullUser, tourGuides } from './rfc-examples.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = fullUser();
const matches = (filter: string, resource: Record<string, unknown> = user, type: ResourceType = 'User'): boolean =>
  evaluateFilter(parseFilter(filter), resource, type);

describe('evaluateFilter: RFC 7644 §3.4.2.2 examples on the RFC 7643 §8.2 user', () => {
  const expected: [string, boolean][] = [
    ['userName eq "bjensen"', false],
    ['name.familyName co "O\'Malley"', false],
    ['userName sw "J"', false],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', false],
    ['title pr', true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', true],
    ['title pr and userType eq "Employee"', true],
    ['title pr or userType eq "Intern"', true],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', false],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    ['userType eq "Employee" and (emails.type eq "work")', true],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', true],
  ];
  for (const [filter, result] of expected) {
    it(`${filter} → ${result}`, () => assert.equal(matches(filter), result, `RFC example ${filter} on bjensen`));
  }
});

describe('evaluateFilter: positive variants of the RFC examples', () => {
  const expected: [string, boolean][] = [
    ['userName eq "bjensen@example.com"', true],
    ['userName eq "BJensen@Example.COM"', true],
    ['name.familyName co "ens"', true],
    ['userName sw "bj"', true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "B"', true],
    ['userName ew "@EXAMPLE.com"', true],
    ['nickName pr', true],
    ['meta.lastModified gt "2011-05-13T04:42:33Z"', true],
    ['meta.lastModified lt "2011-05-13T04:42:35.000Z"', true],
    ['meta.lastModified eq "2011-05-13T04:42:34.000Z"', true],
    ['meta.created lt "2011-05-13T04:42:34Z"', true],
    ['userType eq "Intern" or title eq "tour guide"', true],
    ['not (userType eq "Intern")', true],
    ['schemas eq "urn:ietf:params:scim:schemas:core:2.0:User"', true],
    ['ims[type eq "aim" and value co "aim"]', true],
    ['addresses[type eq "work" and primary eq true].postalCode eq "91608"', true],
    ['phoneNumbers[type eq "mobile"].value eq "555-555-4444"', true],
    ['emails.value ew "jensen.org"', true],
    ['groups.display eq "employees"', true],
  ];
  for (const [filter, result] of expected) {
    it(`${filter} → ${result}`, () => assert.equal(matches(filter), result, `${filter} on bjensen`));
  }

  it('binds both terms of a value filter to one element', () => {
    assert.equal(matches('emails[type eq "home" and value co "@example.com"]'), false, 'no home email at example.com');
    assert.equal(matches('emails.type eq "home" and emails.value co "@example.com"'), true, 'different elements may satisfy each term');
  });

  it('matches the enterprise extension of the §8.3 user by URN and unqualified', () => {
    const ent = enterpriseUser();
    assert.equal(matches(`schemas eq "${ENT}"`, ent), true, 'schemas lists the extension');
    assert.equal(matches(`${ENT}:department eq "tour operations"`, ent), true, 'department, case-insensitive');
    assert.equal(matches(`${ENT}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, ent), true, 'manager.value');
    assert.equal(matches(`${ENT}:employeeNumber eq 701984`, ent), true, 'unquoted number compared with its text');
    assert.equal(matches('manager eq "26118915-6090-4610-87e4-49d8ca9f808d"', ent), true, 'unqualified manager compares its value');
    assert.equal(matches(`${ENT}:department pr`, user), false, 'no extension on the §8.2 user');
  });
});

describe('evaluateFilter: caseExact from the schema', () => {
  it('compares id and externalId exactly', () => {
    assert.equal(matches('id eq "2819C223-7F76-453A-919D-413861904646"'), false, 'id is caseExact');
    assert.equal(matches('id eq "2819c223-7f76-453a-919d-413861904646"'), true, 'id exact match');
    const u = { ...user, externalId: 'AbC' };
    assert.equal(matches('externalId eq "abc"', u), false, 'externalId is caseExact');
    assert.equal(matches('externalId eq "AbC"', u), true, 'externalId exact match');
  });

  it('compares userName, displayName and emails.value without case (USER-FILTER-USERNAME-CASE)', () => {
    assert.equal(matches('displayName eq "BABS JENSEN"'), true, 'displayName');
    assert.equal(matches('emails.value eq "BJENSEN@EXAMPLE.COM"'), true, 'emails.value');
    assert.equal(matches('USERNAME eq "bjensen@example.com"'), true, 'attribute name case-insensitive too');
    assert.equal(matches('emails[TYPE eq "WORK"].VALUE eq "bjensen@example.com"'), true, 'sub-attribute names case-insensitive');
  });

  it('compares a Group displayName without case', () => {
    assert.equal(matches('displayName eq "tour guides"', tourGuides(), 'Group'), true, 'GROUP-FILTER-DISPLAYNAME');
  });
});

describe('evaluateFilter: booleans, dates, numbers, presence', () => {
  it('treats "True"/"False" strings in the resource as booleans', () => {
    const u = { userName: 'x', active: 'True', emails: [{ value: 'a@b.c', primary: 'true' }] };
    assert.equal(matches('active eq true', u), true, 'string True eq true');
    assert.equal(matches('active eq false', u), false, 'string True ne false');
    assert.equal(matches('emails[primary eq true].value eq "a@b.c"', u), true, 'string primary in a value filter');
    assert.equal(matches('active eq "TRUE"', { active: true }), true, 'string comparison value against a boolean');
    assert.equal(matches('active ne false', { active: 'False' }), false, 'string False ne false is false');
  });

  it('never orders booleans', () => {
    assert.equal(matches('active gt false'), false, 'gt on a boolean');
    assert.equal(matches('active co "t"'), false, 'co on a boolean');
  });

  it('compares dateTimes as instants across offsets', () => {
    assert.equal(matches('meta.lastModified eq "2011-05-13T06:42:34+02:00"'), true, 'same instant, other offset');
    assert.equal(matches('meta.lastModified gt "2011-05-13T06:42:33+02:00"'), true, 'one second earlier');
    assert.equal(matches('meta.created gt 2009-12-31'), true, 'date-only bare value');
  });

  it('compares numbers numerically for unknown numeric attributes', () => {
    const r = { userName: 'x', level: 10 };
    assert.equal(matches('level gt 9', r), true, '10 > 9 numerically');
    assert.equal(matches('level lt 9', r), false, 'not lexicographic');
    assert.equal(matches('level eq "10"', r), true, 'string 10 compared as a number');
  });

  it('follows RFC pr semantics', () => {
    assert.equal(matches('title pr', { title: '' }), false, 'empty string is not present');
    assert.equal(matches('title pr', { title: null }), false, 'null is not present');
    assert.equal(matches('emails pr', { emails: [] }), false, 'empty list is not present');
    assert.equal(matches('name pr', { name: {} }), false, 'empty complex is not present');
    assert.equal(matches('name pr', { name: { givenName: 'a' } }), true, 'complex with a value is present');
    assert.equal(matches('emails.value pr', user), true, 'sub-attribute of a multi-valued attribute');
  });

  it('handles absent attributes', () => {
    assert.equal(matches('title eq "x"', {}), false, 'eq on absent');
    assert.equal(matches('title ne "x"', {}), true, 'ne on absent matches');
    assert.equal(matches('title eq null', {}), true, 'eq null on absent');
    assert.equal(matches('title eq null'), false, 'eq null on present');
    assert.equal(matches('title ne null'), true, 'ne null on present');
  });

  it('orders strings lexicographically honouring case', () => {
    assert.equal(matches('userName gt "A"'), true, 'b… > a… ignoring case');
    assert.equal(matches('userName lt "C"'), true, 'b… < c…');
  });

  it('never throws on odd resource shapes', () => {
    for (const r of [{}, { emails: 'x' }, { emails: [null, 1, 'a', []] }, { name: 'x' }, { meta: [] }, { active: {} }]) {
      for (const f of ['emails[type eq "work"]', 'emails.value co "x"', 'name.givenName sw "a"', 'meta.created gt "2020-01-01"', 'active eq true', 'emails pr']) {
        assert.doesNotThrow(() => matches(f, r as Record<string, unknown>), `${f} on ${JSON.stringify(r)}`);
      }
    }
    assert.equal(evaluateFilter(parseFilter('a pr'), null as unknown as Record<string, unknown>, 'User'), false, 'null resource');
  });
});

describe('evaluateFilter: Entra and gallery filters', () => {
  it('finds users by userName, externalId and work email as Entra asks', () => {
    const u = { userName: 'Test_User_00aa00aa', externalId: '0a21f0f2-8d2a', emails: [{ type: 'work', value: 'Test@testuser.com', primary: true }] };
    assert.equal(matches('userName eq "test_user_00AA00AA"', u), true, 'USER-FILTER-USERNAME-CASE');
    assert.equal(matches('externalId eq "0a21f0f2-8d2a"', u), true, 'USER-FILTER-EXTERNALID');
    assert.equal(matches('emails[type eq "work"].value eq "test@testuser.com"', u), true, 'USER-FILTER-EMAIL');
    assert.equal(matches('userName eq "8c3b1b0e-2a5a-4b7b-9c0d-random"', u), false, 'CONN-TEST probe matches nothing');
  });

  it('answers the manager reference check (docs/entra-behaviour.md §2.4 example 4)', () => {
    const u = { id: '54D382A4-2050-4C03-94D1-E769F1D15682', userName: 'u', [ENT]: { manager: { value: '2819c223-7f76-453a-919d-413861904646' } } };
    assert.equal(matches('id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646', u), true, 'manager matches');
    assert.equal(matches('id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq other', u), false, 'manager differs');
  });

  it('answers member queries on groups (GROUP-MEMBER-QUERY)', () => {
    const g = tourGuides();
    assert.equal(matches('members.value eq "902c246b-6245-4190-8e05-00816be7344a"', g, 'Group'), true, 'members.value');
    assert.equal(matches('id eq "e9e30dba-f08f-4109-8486-d5c6a331660a" and members.value eq "2819c223-7f76-453a-919d-413861904646"', g, 'Group'), true,
      'id and members.value');
    assert.equal(matches('members[value eq "nobody"]', g, 'Group'), false, 'no such member');
    assert.equal(matches('members eq "902c246b-6245-4190-8e05-00816be7344a"', g, 'Group'), true, 'members compares its value');
  });
});

describe('evaluateFilter: Postman filters (docs/entra-behaviour.md §7.3 items 63–65)', () => {
  const mk = (userName: string, familyName: string, email: string, created: string): Record<string, unknown> => ({
    userName, name: { familyName }, emails: [{ type: 'work', value: email }], meta: { created, resourceType: 'User' },
  });
  const users = [
    mk('OMalley', 'OMalley', 'omalley@example.com', '2024-01-01T00:00:00Z'),
    mk('emp1', 'Employee', 'emp1@example.com', '2024-01-01T00:00:01Z'),
    mk('emp2', 'Employee', 'emp2@example.org', '2024-01-01T00:00:02Z'),
    mk('emp3', 'Employee', 'emp3@example.com', '2024-01-01T00:00:03Z'),
    mk('enterprise', 'employee', 'ent@EXAMPLE.ORG', '2024-01-01T00:00:04Z'),
  ];
  const count = (f: string): number => users.filter((u) => matches(f, u)).length;

  it('item 63: name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)', () => {
    assert.equal(count('name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)'), 4,
      'bare values, mixed-case names, or inside parentheses');
  });

  it('item 64: userName sw O', () => assert.equal(count('userName sw O'), 1, 'bare prefix, case-insensitive'));

  it('item 65: meta.Created gt 2015-10-10T14:38:21.8617979-07:00', () => {
    assert.equal(count('meta.Created gt 2015-10-10T14:38:21.8617979-07:00'), 5, 'bare datetime with 7 fraction digits');
  });
});
