import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractEqualityHint, parseFilter, referencedPaths } from '../../../core/filter/index.js';

const hint = (f: string): unknown => extractEqualityHint(parseFilter(f));

describe('extractEqualityHint', () => {
  it('gives the top-level eq on an indexed attribute with its canonical name', () => {
    assert.deepEqual(hint('userName eq "Bob"'), { attr: 'userName', value: 'Bob', caseExact: false }, 'userName');
    assert.deepEqual(hint('USERNAME eq "Bob"'), { attr: 'userName', value: 'Bob', caseExact: false }, 'any case');
    assert.deepEqual(hint('externalId eq "e1"'), { attr: 'externalId', value: 'e1', caseExact: true }, 'externalId is exact');
    assert.deepEqual(hint('displayName eq "G"'), { attr: 'displayName', value: 'G', caseExact: false }, 'displayName');
    assert.deepEqual(hint('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "u"'), { attr: 'userName', value: 'u', caseExact: false },
      'core-qualified');
  });

  it('looks inside and chains', () => {
    assert.deepEqual(hint('id eq 54D382A4 and manager eq 2819c223'), { attr: 'id', value: '54D382A4', caseExact: true }, 'Entra reference check');
    assert.deepEqual(hint('active eq true and (title pr and externalId eq "x")'), { attr: 'externalId', value: 'x', caseExact: true }, 'nested and');
  });

  it('uses the text of unquoted values', () => {
    assert.deepEqual(hint('externalId eq 007'), { attr: 'externalId', value: '007', caseExact: true }, 'leading zeros kept');
    assert.deepEqual(hint('externalId eq 701984'), { attr: 'externalId', value: '701984', caseExact: true }, 'number text');
  });

  it('gives nothing when the filter cannot be narrowed', () => {
    for (const f of ['userName eq "a" or userName eq "b"', 'not (userName eq "a")', 'userName sw "a"', 'name.givenName eq "a"',
      'title eq "a"', 'userName eq null', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"',
      'emails[value eq "a"]']) {
      assert.equal(hint(f), undefined, `no hint for ${f}`);
    }
  });
});

describe('referencedPaths', () => {
  it('lists every path read, value paths as attr.sub', () => {
    assert.deepEqual(referencedPaths(parseFilter('id eq "g" and members[value eq "u"] or not (title pr)')),
      [{ attr: 'id' }, { attr: 'members' }, { attr: 'members', sub: 'value' }, { attr: 'title' }], 'all paths in order');
  });
});
