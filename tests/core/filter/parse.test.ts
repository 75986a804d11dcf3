import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FilterSyntaxError, MAX_FILTER_LENGTH, parseFilter, parsePath } from '../../../core/filter/index.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Every filter example of RFC 7644 §3.4.2.2. */
const RFC7644_FILTERS = [
  'userName eq "bjensen"',
  'name.familyName co "O\'Malley"',
  'userName sw "J"',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
  'title pr',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'meta.lastModified ge "2011-05-13T04:42:34Z"',
  'meta.lastModified lt "2011-05-13T04:42:34Z"',
  'meta.lastModified le "2011-05-13T04:42:34Z"',
  'title pr and userType eq "Employee"',
  'title pr or userType eq "Intern"',
  'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'userType eq "Employee" and (emails.type eq "work")',
  'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
];

describe('parseFilter: RFC 7644 §3.4.2.2 examples', () => {
  for (const f of RFC7644_FILTERS) {
    it(`parses ${f}`, () => {
      assert.doesNotThrow(() => parseFilter(f), `RFC example must parse: ${f}`);
    });
  }

  it('gives the AST of a simple comparison', () => {
    assert.deepEqual(parseFilter('userName eq "bjensen"'), { op: 'eq', path: { attr: 'userName' }, value: 'bjensen' },
      'attrPath eq string');
  });

  it('gives the AST of a URN-qualified attribute', () => {
    assert.deepEqual(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"'),
      { op: 'sw', path: { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', attr: 'userName' }, value: 'J' },
      'the core URN is split from the attribute name');
  });

  it('gives the AST of pr and a sub-attribute', () => {
    assert.deepEqual(parseFilter('title pr'), { op: 'pr', path: { attr: 'title' } }, 'pr takes no value');
    assert.deepEqual(parseFilter('name.familyName co "O\'Malley"'),
      { op: 'co', path: { attr: 'name', sub: 'familyName' }, value: "O'Malley" }, 'dotted sub-attribute');
  });

  it('gives the AST of not with grouping', () => {
    assert.deepEqual(parseFilter('userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")'), {
      op: 'and',
      left: { op: 'ne', path: { attr: 'userType' }, value: 'Employee' },
      right: {
        op: 'not',
        filter: {
          op: 'or',
          left: { op: 'co', path: { attr: 'emails' }, value: 'example.com' },
          right: { op: 'co', path: { attr: 'emails', sub: 'value' }, value: 'example.org' },
        },
      },
    }, 'and binds the not-group as its right operand');
  });

  it('gives the AST of value paths joined by or', () => {
    assert.deepEqual(parseFilter('emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]'), {
      op: 'or',
      left: {
        op: 'valuePath', path: { attr: 'emails' },
        filter: { op: 'and', left: { op: 'eq', path: { attr: 'type' }, value: 'work' }, right: { op: 'co', path: { attr: 'value' }, value: '@example.com' } },
      },
      right: {
        op: 'valuePath', path: { attr: 'ims' },
        filter: { op: 'and', left: { op: 'eq', path: { attr: 'type' }, value: 'xmpp' }, right: { op: 'co', path: { attr: 'value' }, value: '@foo.com' } },
      },
    }, 'each value path carries its own inner filter');
  });
});

describe('parseFilter: precedence and case', () => {
  it('binds and tighter than or', () => {
    const node = parseFilter('a eq 1 or b eq 2 and c eq 3');
    assert.equal(node.op, 'or', 'or is the root');
    assert.equal(node.op === 'or' && node.right.op, 'and', 'and groups b and c');
  });

  it('associates and to the left', () => {
    const node = parseFilter('a pr and b pr and c pr');
    assert.ok(node.op === 'and' && node.left.op === 'and', 'left operand is the first and');
  });

  it('lets parentheses override precedence', () => {
    const node = parseFilter('(a eq 1 or b eq 2) and c eq 3');
    assert.ok(node.op === 'and' && node.left.op === 'or', 'the group is the left operand of and');
  });

  it('binds not to its group only', () => {
    const node = parseFilter('not (a pr) and b pr');
    assert.ok(node.op === 'and' && node.left.op === 'not', 'not applies before and');
  });

  it('accepts operators and keywords in any case', () => {
    assert.deepEqual(parseFilter('userName EQ "x" And title Pr OR not (a Sw "b")'),
      parseFilter('userName eq "x" and title pr or not (a sw "b")'), 'EQ/And/Pr/OR/Sw parse like their lower-case forms');
  });

  it('keeps attribute names as written (lookups ignore case)', () => {
    assert.deepEqual(parseFilter('DisplayName eq "x"'), { op: 'eq', path: { attr: 'DisplayName' }, value: 'x' }, 'name kept');
  });

  it('tolerates extra white space', () => {
    assert.deepEqual(parseFilter('  ( userName   eq\t"a" )  '), { op: 'eq', path: { attr: 'userName' }, value: 'a' }, 'spaces around tokens');
  });
});

describe('parseFilter: values', () => {
  it('decodes JSON string escapes', () => {
    const node = parseFilter('displayName eq "a\\"b\\\\c\\/d\\n\\u00e9"');
    assert.ok(node.op === 'eq' && node.value === 'a"b\\c/d\n\u00e9', 'escapes decoded');
  });

  it('reads numbers, booleans and null', () => {
    const v = (f: string): unknown => { const n = parseFilter(f); return n.op === 'eq' ? n.value : undefined; };
    assert.equal(v('a eq 42'), 42, 'integer');
    assert.equal(v('a eq -1.5e3'), -1500, 'decimal with exponent');
    assert.equal(v('a eq true'), true, 'true');
    assert.equal(v('a eq false'), false, 'false');
    assert.equal(v('a eq null'), null, 'null');
  });

  it('tolerates unquoted words and keeps their text (Postman items 63–65)', () => {
    assert.deepEqual(parseFilter('userName sw O'), { op: 'sw', path: { attr: 'userName' }, value: 'O', raw: 'O' }, 'bare word');
    assert.deepEqual(parseFilter('meta.Created gt 2015-10-10T14:38:21.8617979-07:00'),
      { op: 'gt', path: { attr: 'meta', sub: 'Created' }, value: '2015-10-10T14:38:21.8617979-07:00', raw: '2015-10-10T14:38:21.8617979-07:00' },
      'bare ISO datetime');
    const n = parseFilter('name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)');
    assert.ok(n.op === 'and' && n.right.op === 'or', 'bare values inside a group');
  });

  it('keeps the text of unquoted numbers-looking ids', () => {
    assert.deepEqual(parseFilter('externalId eq 701984'), { op: 'eq', path: { attr: 'externalId' }, value: 701984, raw: '701984' }, 'raw kept');
    const guid = parseFilter('id eq 54D382A4-2050-4C03-94D1-E769F1D15682');
    assert.ok(guid.op === 'eq' && guid.value === '54D382A4-2050-4C03-94D1-E769F1D15682', 'a GUID is not a number');
  });
});

describe('parseFilter: attribute paths', () => {
  it('splits an extension URN from the attribute and sub-attribute', () => {
    assert.deepEqual(parseFilter(`${ENT}:manager.value eq "x"`),
      { op: 'eq', path: { uri: ENT, attr: 'manager', sub: 'value' }, value: 'x' }, 'URN:attr.sub');
    assert.deepEqual(parseFilter(`${ENT}:department eq "x"`),
      { op: 'eq', path: { uri: ENT, attr: 'department' }, value: 'x' }, 'URN:attr');
  });

  it('spells a known URN canonically whatever its case', () => {
    const n = parseFilter(`${ENT.toLowerCase()}:department pr`);
    assert.ok(n.op === 'pr' && n.path.uri === ENT, 'canonical URN');
  });

  it('parses Entra\'s attr[filter].sub op value as attr[filter and sub op value]', () => {
    assert.deepEqual(parseFilter('emails[type eq "work"].value eq "a@b.c"'), {
      op: 'valuePath', path: { attr: 'emails' },
      filter: { op: 'and', left: { op: 'eq', path: { attr: 'type' }, value: 'work' }, right: { op: 'eq', path: { attr: 'value' }, value: 'a@b.c' } },
    }, 'same element must satisfy both');
  });

  it('parses $ref as an attribute name', () => {
    assert.deepEqual(parseFilter('members.$ref pr'), { op: 'pr', path: { attr: 'members', sub: '$ref' } }, '$ref sub-attribute');
  });

  it('parses the Entra filters of docs/entra-behaviour.md (§2.1.3, §2.2.3, §2.4 example 4)', () => {
    for (const f of [
      'userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"',
      'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"',
      'displayName eq "displayName"',
      'externalId eq jyoung',
      'id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646',
      'members.value eq "f648f8d5ea4e4cd38e9c"',
    ]) assert.doesNotThrow(() => parseFilter(f), `Entra filter must parse: ${f}`);
  });
});

describe('parseFilter: malformed input', () => {
  const cases: [string, number, RegExp][] = [
    ['', 0, /expected an attribute path but found end of input/],
    ['userName', 8, /expected an operator/],
    ['userName eq', 11, /expected a comparison value/],
    ['userName xx "a"', 9, /expected an operator .* but found "xx"/],
    ['(userName eq "a"', 16, /expected "\)"/],
    ['userName eq "a")', 15, /expected "and", "or" or end of filter/],
    ['userName eq "a" and', 19, /expected an attribute path/],
    ['emails[type eq "work"', 21, /expected "\]" to close the value filter/],
    ['emails[type eq "work" and phones[type pr]]', 32, /value filters cannot be nested/],
    ['a.b.c eq 1', 0, /at most one sub-attribute/],
    ['"x" eq 1', 0, /expected an attribute path but found a quoted string/],
    ['userName eq "abc', 12, /unterminated string/],
    ['userName eq "a\\qb"', 14, /JSON escape/],
    ['userName eq "\\u12"', 13, /four hex digits/],
    ['1abc eq 1', 0, /expected an attribute path/],
    ['not userName eq "a"', 4, /expected an operator/],
    ['emails[type eq "work"].value', 28, /expected an operator/],
    [`${ENT} eq "x"`, 0, /attribute name after the schema URN/],
    ['userName eq "a" userName eq "b"', 16, /expected "and", "or"/],
    ['emails.value[type eq "x"]', 12, /not a sub-attribute/],
    ['()', 1, /expected an attribute path/],
    ['a eq (', 5, /expected a comparison value/],
  ];
  for (const [text, position, message] of cases) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseFilter(text), (e: unknown) => {
        assert.ok(e instanceof FilterSyntaxError, `FilterSyntaxError expected, got ${String(e)}`);
        assert.equal(e.kind, 'filter', 'kind is filter');
        assert.equal(e.position, position, `position of the offending token in ${JSON.stringify(text)}: ${e.message}`);
        assert.match(e.message, message, 'message names what was expected');
        return true;
      });
    });
  }

  it('rejects nesting deeper than 64 levels quickly', () => {
    const deep = `${'('.repeat(10_000)}a pr${')'.repeat(10_000)}`.slice(0, MAX_FILTER_LENGTH);
    assert.throws(() => parseFilter(deep), (e: unknown) => e instanceof FilterSyntaxError && /nested deeper than 64/.test(e.message),
      'deep parentheses give FilterSyntaxError');
    assert.throws(() => parseFilter(`${'not ('.repeat(100)}a pr${')'.repeat(100)}`), FilterSyntaxError, 'deep not');
    assert.doesNotThrow(() => parseFilter(`${'('.repeat(60)}a pr${')'.repeat(60)}`), 'moderate nesting is fine');
  });

  it('rejects input longer than 8 KiB', () => {
    assert.throws(() => parseFilter(`userName eq "${'x'.repeat(MAX_FILTER_LENGTH)}"`),
      (e: unknown) => e instanceof FilterSyntaxError && e.position === MAX_FILTER_LENGTH, 'length guard');
  });

  it('rejects a non-string with FilterSyntaxError', () => {
    assert.throws(() => parseFilter(undefined as unknown as string), FilterSyntaxError, 'undefined input');
    assert.throws(() => parsePath(42 as unknown as string), FilterSyntaxError, 'number input');
  });
});
