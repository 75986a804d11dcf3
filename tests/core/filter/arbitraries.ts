/** fast-check generators for filters, paths and their text, shared by the grammar and PATCH fuzz tests. */
import fc from 'fast-check';
import type { FilterNode } from '../../../core/filter/index.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const attrNames = fc.mixedCase(fc.constantFrom(
  'userName', 'emails', 'name', 'title', 'active', 'meta', 'members', 'displayName', 'externalId', 'id', 'roles',
  'addresses', 'phoneNumbers', 'schemas', 'manager', 'department', 'x-custom', 'groups', 'nickName', 'password',
));
export const subNames = fc.mixedCase(fc.constantFrom('value', 'type', 'primary', 'givenName', 'created', 'display', '$ref', 'lastModified', 'familyName'));
const uris = fc.constantFrom(ENT, 'urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group', 'urn:example:ext:1.0:User');

/** `[uri:]attr[.sub]` text. */
export const attrPathText = fc.tuple(fc.option(uris, { nil: undefined }), attrNames, fc.option(subNames, { nil: undefined }))
  .map(([uri, attr, sub]) => `${uri ? `${uri}:` : ''}${attr}${sub ? `.${sub}` : ''}`);

const compValueText = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"work"', '"True"', '"false"', '"2011-05-13T04:42:34Z"', '"@example.com"', '"bjensen@example.com"'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.mixedCase(fc.constantFrom('true', 'false', 'null')),
  fc.stringMatching(/^[A-Za-z0-9@._:+-]{1,12}$/),
  fc.constantFrom('2015-10-10T14:38:21.8617979-07:00', 'example.com', '701984', '007'),
);
const compareOp = fc.mixedCase(fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'));
const sp = fc.constantFrom(' ', '  ', '\t');

function comparison(path: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(path, sp, compareOp, sp, compValueText).map((p) => p.join('')),
    fc.tuple(path, sp, fc.mixedCase(fc.constant('pr'))).map((p) => p.join('')),
  );
}

/** Filters inside `[…]`: sub-attribute names only, no nesting. */
const valFilter: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small' },
    comparison(subNames),
    fc.tuple(tie('f'), fc.mixedCase(fc.constantFrom(' and ', ' or ')), tie('f')).map((p) => p.join('')),
    tie('f').map((f) => `(${f})`),
    tie('f').map((f) => `not (${f})`),
  ),
})).f;

/** Syntactically valid filter text in the tolerated grammar (any case, extra spaces, bare values). */
export const filterText: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small' },
    comparison(attrPathText),
    fc.tuple(attrNames, valFilter).map(([a, f]) => `${a}[${f}]`),
    fc.tuple(attrNames, valFilter, subNames).chain(([a, f, s]) => comparison(fc.constant(`${a}[${f}].${s}`))),
    fc.tuple(tie('f'), fc.mixedCase(fc.constantFrom(' and ', ' or ')), tie('f')).map((p) => p.join('')),
    tie('f').map((f) => `(${f})`),
    tie('f').map((f) => `not (${f})`),
  ),
})).f;

/** Valid PATCH path text. */
export const pathText = fc.oneof(
  attrPathText,
  fc.constantFrom(ENT, 'members', 'manager', `${ENT}:manager`, `${ENT}:manager.value`),
  fc.tuple(attrNames, valFilter).map(([a, f]) => `${a}[${f}]`),
  fc.tuple(attrNames, valFilter, subNames).map(([a, f, s]) => `${a}[${f}].${s}`),
);

/** Random edits of valid text: deletions, insertions of grammar characters, duplications. */
export function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom('del', '(', ')', '[', ']', '"', '\\', ' ', '.', ':', 'x', 'dup')), { minLength: 1, maxLength: 4 }))
    .map(([t, edits]) => edits.reduce((s, [at, e]) => {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      if (e === 'del') return s.slice(0, i) + s.slice(i + 1);
      if (e === 'dup') return s.slice(0, i) + s.slice(i);
      return s.slice(0, i) + e + s.slice(i);
    }, t));
}

/** Any code points, lone surrogates included (cheaper than fast-check's binary string unit). */
export const anyText = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 60 }).map((cps) => String.fromCodePoint(...cps));

/** Soup of grammar tokens in random order. */
export const tokenSoup = fc.array(fc.constantFrom(
  '(', ')', '[', ']', '"', ' ', 'eq', 'and', 'or', 'not', 'pr', 'userName', 'emails', '.', 'value', '"x"', '\\', ':', '1', 'true',
  'urn:ietf:params:scim:schemas:core:2.0:User:', ENT, '"\\u00', '-', '$ref',
), { maxLength: 30 }).map((t) => t.join(''));

/** Filter text from a parsed node with explicit grouping, so a round trip must give the same node back. */
export function toText(node: FilterNode): string {
  const path = (p: { uri?: string; attr?: string; sub?: string }): string => `${p.uri ? `${p.uri}:` : ''}${p.attr ?? ''}${p.sub ? `.${p.sub}` : ''}`;
  switch (node.op) {
    case 'and':
    case 'or':
      return `(${toText(node.left)}) ${node.op} (${toText(node.right)})`;
    case 'not':
      return `not (${toText(node.filter)})`;
    case 'pr':
      return `${path(node.path)} pr`;
    case 'valuePath':
      return `${path(node.path)}[${toText(node.filter)}]`;
    default:
      return `${path(node.path)} ${node.op} ${node.raw ?? JSON.stringify(node.value)}`;
  }
}
