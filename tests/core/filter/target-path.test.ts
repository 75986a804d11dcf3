import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  equalityTerms, FilterSyntaxError, isFilteredPath, parseFilter, parseTargetPath, readPath, writePath,
} from '../../../core/filter/index.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

describe('parseTargetPath: Entra target paths', () => {
  it('parses value-filter paths, quoted and bare literals alike', () => {
    assert.deepEqual(parseTargetPath('roles[primary eq "True"].value'),
      { attr: 'roles', filter: { op: 'eq', path: { attr: 'primary' }, value: 'True' }, sub: 'value' }, 'Q11 role path');
    assert.deepEqual(parseTargetPath('emails[primary eq true].value').filter,
      { op: 'eq', path: { attr: 'primary' }, value: true, raw: 'true' }, 'bare literal in the filter');
    assert.equal(isFilteredPath('emails[type eq "work"].value'), true, 'filtered');
    assert.equal(isFilteredPath('name.givenName'), false, 'not filtered');
  });

  it('parses extension paths, known and custom', () => {
    assert.deepEqual(parseTargetPath(`${ENT}:manager`), { uri: ENT, attr: 'manager' }, 'enterprise');
    assert.deepEqual(parseTargetPath(`${CUSTOM}:tag`), { uri: CUSTOM, attr: 'tag' }, 'custom extension path');
  });

  it('refuses what it could neither read nor write', () => {
    for (const [text, why] of [
      ['emails[type eq "work"', 'unterminated filter'],
      [ENT, 'a whole extension'],
      ['emails[type ne "work"].value', 'a filter that is not eq terms'],
      ['emails[type eq "work" or type eq "home"].value', 'eq terms joined by or'],
    ] as const) {
      assert.throws(() => parseTargetPath(text), (e: unknown) => e instanceof FilterSyntaxError && e.kind === 'path', why);
    }
  });

  it('equalityTerms: the terms of an eq-and filter as written, undefined for any other', () => {
    assert.deepEqual(equalityTerms(parseFilter('type eq "work" and primary eq true')),
      [{ attr: 'type', text: 'work' }, { attr: 'primary', text: 'true' }], 'quoted and bare');
    assert.equal(equalityTerms(parseFilter('type eq "work" or primary eq true')), undefined, 'or');
    assert.equal(equalityTerms(parseFilter('value pr')), undefined, 'pr');
  });
});

describe('readPath: a value as the resource holds it', () => {
  const user = {
    userName: 'bjensen',
    Name: { givenName: 'Barbara' },
    emails: [{ type: 'home', value: 'b@home' }, { type: 'Work', value: 'b@work' }],
    roles: [{ primary: 'True', value: 'Admin' }, { primary: false, value: 'Auditor' }],
    Addresses: [{ Type: 'Other', formatted: 'F' }],
    [ENT]: { department: 'Tour', manager: { value: 'm1' } },
    [CUSTOM]: { tag: 't' },
  };

  it('reads plain, dotted and extension paths, names in any case', () => {
    assert.equal(readPath(user, 'USERNAME'), 'bjensen', 'case-insensitive name');
    assert.equal(readPath(user, 'name.givenName'), 'Barbara', 'dotted');
    assert.equal(readPath(user, `${ENT}:department`), 'Tour', 'URN path');
    assert.equal(readPath(user, `${ENT}:manager.value`), 'm1', 'URN path with sub-attribute');
    assert.equal(readPath(user, `${CUSTOM}:tag`), 't', 'custom extension');
    assert.equal(readPath(user, 'urn:ietf:params:scim:schemas:core:2.0:User:userName'), 'bjensen', 'core URN: the resource itself');
    assert.equal(readPath(user, 'title'), undefined, 'absent');
    assert.equal(readPath(undefined, 'title'), undefined, 'no resource');
  });

  it('selects elements with SCIM comparisons: strings ignore case, "True" equals true', () => {
    assert.equal(readPath(user, 'emails[type eq "work"].value'), 'b@work', 'case-insensitive string');
    assert.equal(readPath(user, 'roles[primary eq "True"].value'), 'Admin', '"True" matches "True"');
    assert.equal(readPath(user, 'roles[primary eq true].value'), 'Admin', 'true matches "True"');
    assert.equal(readPath(user, 'roles[primary eq false].value'), 'Auditor', 'false matches false');
    assert.equal(readPath(user, 'addresses[type eq "other"].Formatted'), 'F', 'Q12 case-insensitive read');
    assert.deepEqual(readPath(user, 'emails[type eq "home"]'), { type: 'home', value: 'b@home' }, 'the element itself');
    assert.equal(readPath(user, 'emails[type eq "fax"].value'), undefined, 'no match');
  });

  it('reads no element out of a single object, and no sub-attribute out of a list', () => {
    assert.equal(readPath({ emails: { type: 'work', value: 'x' } }, 'emails[type eq "work"].value'), undefined, 'not a list');
    assert.equal(readPath(user, 'emails.value'), undefined, 'a list has no sub-attribute');
  });
});

describe('writePath: setting a value, creating what the path passes through', () => {
  it('writes plain, dotted and extension paths', () => {
    const out: Record<string, unknown> = {};
    writePath(out, 'userName', 'u');
    writePath(out, 'name.GivenName', 'g');
    writePath(out, `${ENT}:department`, 'd');
    writePath(out, `${CUSTOM}:tag`, 't');
    assert.deepEqual(out, { userName: 'u', name: { givenName: 'g' }, [ENT]: { department: 'd' }, [CUSTOM]: { tag: 't' } }, 'nested');
  });

  it('creates an element from the filter, booleans as booleans, and fills a matching one', () => {
    const out: Record<string, unknown> = {};
    writePath(out, 'roles[primary eq "True"]', 'Admin');
    writePath(out, 'emails[type eq "work"].value', 'a@work');
    writePath(out, 'emails[type eq "WORK"].display', 'A');
    writePath(out, 'addresses[type eq "other"].Formatted', 'Bldg 1');
    writePath(out, 'x509Certificates[Display eq "c"].Value', 'v');
    assert.deepEqual(out, {
      roles: [{ primary: true, value: 'Admin' }],
      emails: [{ type: 'work', value: 'a@work', display: 'A' }],
      addresses: [{ type: 'other', formatted: 'Bldg 1' }],
      x509Certificates: [{ display: 'c', value: 'v' }],
    }, 'elements');
  });

  it('writes into an existing value whatever case its name has', () => {
    const out: Record<string, unknown> = { Name: { familyName: 'f' }, Emails: [{ type: 'work', value: 'old' }] };
    writePath(out, 'name.givenName', 'g');
    writePath(out, 'emails[type eq "work"].value', 'new');
    assert.deepEqual(out, { Name: { familyName: 'f', givenName: 'g' }, Emails: [{ type: 'work', value: 'new' }] }, 'existing keys');
  });
});
