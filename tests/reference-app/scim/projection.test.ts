import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAttributeList, project } from '../../../reference-app/scim/projection.js';
import { enterpriseUser, fullUser, tourGuides } from '../../core/filter/rfc-examples.js';
import { ENT, type Json } from './helpers.js';

const keys = (r: Json): string[] => Object.keys(r).sort();
const ALWAYS = ['id', 'meta', 'schemas'];

describe('project: defaults', () => {
  it('never returns the password, and keeps everything else', () => {
    const u = fullUser();
    const r = project(u, {}, 'User');
    assert.equal('password' in r, false, 'returned "never"');
    const { password: _p, ...rest } = u;
    assert.deepEqual(r, rest, 'all other attributes');
    assert.equal(u.password, 't1meMa$heen', 'input not mutated');
  });

  it('does not return the password even when asked', () => {
    assert.equal('password' in project(fullUser(), { attributes: ['password'] }, 'User'), false, 'still hidden');
  });
});

describe('project: attributes', () => {
  it('keeps the always-returned attributes and the requested ones (Postman item 11)', () => {
    const r = project(fullUser(), { attributes: ['userName', 'emails'] }, 'User');
    assert.deepEqual(keys(r), [...ALWAYS, 'emails', 'userName'].sort(), 'id, meta, schemas, userName, emails');
    assert.deepEqual(r.emails, fullUser().emails, 'emails whole');
  });

  it('answers attributes=id with only id, schemas and meta (docs/entra-behaviour.md §2.4 example 4)', () => {
    assert.deepEqual(keys(project(fullUser(), { attributes: ['id'] }, 'User')), ALWAYS, 'only the always set');
  });

  it('matches attribute names case-insensitively', () => {
    assert.equal(project(fullUser(), { attributes: ['USERNAME'] }, 'User').userName, 'bjensen@example.com', 'USERNAME');
  });

  it('selects sub-attributes', () => {
    const r = project(fullUser(), { attributes: ['name.givenName', 'emails.value'] }, 'User');
    assert.deepEqual(r.name, { givenName: 'Barbara' }, 'name.givenName');
    assert.deepEqual(r.emails, [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }], 'emails.value of each element');
  });

  it('selects elements by value filter (Postman items 40–41)', () => {
    assert.deepEqual(project(fullUser(), { attributes: ['emails[type eq "work"]'] }, 'User').emails,
      [{ value: 'bjensen@example.com', type: 'work', primary: true }], 'work email only');
    const u = { ...fullUser(), emails: [{ type: 'work', value: 'emailName357' }] };
    assert.deepEqual(project(u, { attributes: ['emails[value eq "emailName357"]'] }, 'User').emails, [{ type: 'work', value: 'emailName357' }],
      'by value');
    assert.deepEqual(project(fullUser(), { attributes: ['emails[type eq "home"].value'] }, 'User').emails, [{ value: 'babs@jensen.org' }],
      'filter then sub-attribute');
    assert.equal('emails' in project(fullUser(), { attributes: ['emails[type eq "other"]'] }, 'User'), false, 'no match, no key');
  });

  it('combines selections of one attribute', () => {
    const r = project(fullUser(), { attributes: ['emails[type eq "work"]', 'emails.type'] }, 'User');
    assert.deepEqual(r.emails, [{ value: 'bjensen@example.com', type: 'work', primary: true }, { type: 'home' }], 'whole work, type of home');
  });

  it('selects extension attributes by URN path, or the whole extension', () => {
    assert.deepEqual(project(enterpriseUser(), { attributes: [`${ENT}:department`] }, 'User')[ENT], { department: 'Tour Operations' }, 'department');
    assert.deepEqual(project(enterpriseUser(), { attributes: [`${ENT}:manager.value`] }, 'User')[ENT],
      { manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } }, 'manager.value');
    assert.deepEqual(project(enterpriseUser(), { attributes: [ENT] }, 'User')[ENT], enterpriseUser()[ENT], 'whole extension');
    assert.deepEqual(project(enterpriseUser(), { attributes: ['department'] }, 'User')[ENT], { department: 'Tour Operations' },
      'unqualified extension attribute');
  });

  it('ignores unknown and unparsable entries', () => {
    assert.deepEqual(keys(project(fullUser(), { attributes: ['nope', 'emails[', ''] }, 'User')), ALWAYS, 'only the always set');
  });
});

describe('project: excludedAttributes', () => {
  it('drops members of a group but never id (GROUP-EXCLUDE-MEMBERS)', () => {
    const r = project(tourGuides(), { excludedAttributes: ['members', 'id'] }, 'Group');
    assert.equal('members' in r, false, 'no members key');
    assert.equal(r.id, 'e9e30dba-f08f-4109-8486-d5c6a331660a', 'id is returned always');
    assert.equal(r.displayName, 'Tour Guides', 'the rest stays');
  });

  it('drops sub-attributes, filtered elements and extension attributes', () => {
    const r = project(enterpriseUser(), { excludedAttributes: ['name.givenName', 'emails[type eq "home"]', `${ENT}:manager`, 'Phonenumbers'] }, 'User');
    assert.equal('givenName' in (r.name as Json), false, 'name.givenName');
    assert.deepEqual(r.emails, [{ value: 'bjensen@example.com', type: 'work', primary: true }], 'home email dropped');
    assert.equal('manager' in (r[ENT] as Json), false, 'manager dropped');
    assert.equal('phoneNumbers' in r, false, 'case-insensitive name');
  });

  it('drops a whole extension, or the extension object once empty', () => {
    assert.equal(ENT in project(enterpriseUser(), { excludedAttributes: [ENT] }, 'User'), false, 'whole extension');
    const only = { ...fullUser(), [ENT]: { department: 'x' } };
    assert.equal(ENT in project(only, { excludedAttributes: [`${ENT}:department`] }, 'User'), false, 'emptied extension');
  });

  it('applies attributes then excludedAttributes', () => {
    const r = project(fullUser(), { attributes: ['userName', 'emails'], excludedAttributes: ['emails'] }, 'User');
    assert.deepEqual(keys(r), [...ALWAYS, 'userName'].sort(), 'emails selected then excluded');
  });
});

describe('parseAttributeList', () => {
  it('splits at commas outside brackets and quotes', () => {
    assert.deepEqual(parseAttributeList('userName,emails'), ['userName', 'emails'], 'simple list');
    assert.deepEqual(parseAttributeList(' userName , emails[type eq "a,b" and value co ","] ,, name.givenName'),
      ['userName', 'emails[type eq "a,b" and value co ","]', 'name.givenName'], 'commas inside filters kept');
    assert.deepEqual(parseAttributeList('emails[value eq "a\\",b"],x'), ['emails[value eq "a\\",b"]', 'x'], 'escaped quote');
    assert.deepEqual(parseAttributeList(undefined), [], 'absent');
    assert.deepEqual(parseAttributeList(''), [], 'empty');
  });
});
