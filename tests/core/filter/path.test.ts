import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FilterSyntaxError, parsePath } from '../../../core/filter/index.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parsePath: RFC 7644 §3.5.2 path examples', () => {
  it('parses "members"', () => assert.deepEqual(parsePath('members'), { attr: 'members' }, 'plain attribute'));

  it('parses "name.familyName"', () => {
    assert.deepEqual(parsePath('name.familyName'), { attr: 'name', sub: 'familyName' }, 'sub-attribute');
  });

  it('parses addresses[type eq "work"]', () => {
    assert.deepEqual(parsePath('addresses[type eq "work"]'),
      { attr: 'addresses', filter: { op: 'eq', path: { attr: 'type' }, value: 'work' } }, 'value filter');
  });

  it('parses members[value eq "2819c223-7f76-453a-919d-413861904646"]', () => {
    assert.deepEqual(parsePath('members[value eq "2819c223-7f76-453a-919d-413861904646"]'),
      { attr: 'members', filter: { op: 'eq', path: { attr: 'value' }, value: '2819c223-7f76-453a-919d-413861904646' } }, 'member filter');
  });

  it('parses members[value eq "…"].displayName', () => {
    assert.deepEqual(parsePath('members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName'), {
      attr: 'members', filter: { op: 'eq', path: { attr: 'value' }, value: '2819c223-7f76-453a-919d-413861904646' }, sub: 'displayName',
    }, 'filter then sub-attribute');
  });

  it('parses the remove example emails[type eq "work" and value ew "example.com"]', () => {
    const p = parsePath('emails[type eq "work" and value ew "example.com"]');
    assert.equal(p.attr, 'emails', 'attribute');
    assert.equal(p.filter?.op, 'and', 'compound value filter');
  });
});

describe('parsePath: Entra and validator paths', () => {
  it('parses URN-qualified extension attributes', () => {
    assert.deepEqual(parsePath(`${ENT}:employeeNumber`), { uri: ENT, attr: 'employeeNumber' }, 'URN:attr');
    assert.deepEqual(parsePath(`${ENT}:manager`), { uri: ENT, attr: 'manager' }, 'manager');
    assert.deepEqual(parsePath(`${ENT}:manager.value`), { uri: ENT, attr: 'manager', sub: 'value' }, 'URN:attr.sub');
  });

  it('parses a whole extension URN', () => assert.deepEqual(parsePath(ENT), { uri: ENT }, 'no attribute'));

  it('parses value filters with string booleans and odd case', () => {
    assert.deepEqual(parsePath('roles[primary eq "True"].value'),
      { attr: 'roles', filter: { op: 'eq', path: { attr: 'primary' }, value: 'True' }, sub: 'value' }, 'string True kept as text');
    assert.deepEqual(parsePath('emails[type eq "other"].Value'),
      { attr: 'emails', filter: { op: 'eq', path: { attr: 'type' }, value: 'other' }, sub: 'Value' }, 'capitalised sub-attribute');
    assert.deepEqual(parsePath('emails[primary eq true].value'),
      { attr: 'emails', filter: { op: 'eq', path: { attr: 'primary' }, value: true, raw: 'true' }, sub: 'value' }, 'boolean filter');
  });

  it('parses URN-qualified value paths', () => {
    const p = parsePath('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value');
    assert.equal(p.uri, 'urn:ietf:params:scim:schemas:core:2.0:User', 'core URN');
    assert.equal(p.sub, 'value', 'sub');
  });
});

describe('parsePath: invalid paths', () => {
  const bad: [string, RegExp][] = [
    ['', /expected an attribute path/],
    ['name.', /attribute path/],
    ['a.b.c', /at most one sub-attribute/],
    ['emails[type eq "work"', /"\]"/],
    ['emails[type eq "work"].', /sub-attribute name/],
    ['emails[type eq "work"] x', /end of path/],
    ['emails x', /"\[" or end of path/],
    ['name.givenName[type eq "x"]', /value filter follows the attribute/],
    [`${ENT} x`, /end of path after a schema URN/],
    ['emails[]', /expected an attribute path/],
    ['9lives', /attribute path/],
    ['emails[type eq "work"][value pr]', /end of path/],
  ];
  for (const [text, message] of bad) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parsePath(text), (e: unknown) => {
        assert.ok(e instanceof FilterSyntaxError, `FilterSyntaxError expected, got ${String(e)}`);
        assert.equal(e.kind, 'path', 'kind is path so a server answers invalidPath');
        assert.match(e.message, message, `message for ${JSON.stringify(text)}: ${e.message}`);
        return true;
      });
    });
  }
});
