/** Property tests: the grammar throws only FilterSyntaxError, round-trips, and the evaluator never throws. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateFilter, FilterSyntaxError, parseFilter, parsePath } from '../../../core/filter/index.js';
import type { ResourceType } from '../../../core/resource-type.js';
import { anyText, filterText, mutated, pathText, tokenSoup, toText } from './arbitraries.js';
import { enterpriseUser, tourGuides } from './rfc-examples.js';

/** Runs `fn`; passes if it returns or throws FilterSyntaxError, fails on anything else. */
function onlySyntaxErrors(fn: () => unknown): boolean {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw new Error(`unexpected ${String(e)}`, { cause: e });
    assert.ok(Number.isInteger(e.position) && e.position >= 0, `position is a non-negative integer: ${e.message}`);
  }
  return true;
}

const resources = fc.oneof(
  fc.constant(enterpriseUser()),
  fc.constant(tourGuides()),
  fc.dictionary(fc.constantFrom('userName', 'emails', 'name', 'active', 'meta', 'members', 'title', 'roles', 'Emails'), fc.jsonValue({ maxDepth: 3 }),
    { noNullPrototype: true }),
);

describe('filter grammar fuzz (fast-check)', () => {
  it('parses 2 000 generated filters and round-trips them', () => {
    fc.assert(fc.property(filterText, (text) => {
      const node = parseFilter(text);
      assert.deepEqual(parseFilter(toText(node)), node, `round trip of ${text}`);
    }), { numRuns: 2_000 });
  });

  it('evaluates 1 500 generated filters on odd resources without throwing or mutating', () => {
    fc.assert(fc.property(filterText, resources, fc.constantFrom('User', 'Group') as fc.Arbitrary<ResourceType>, (text, resource, type) => {
      const before = structuredClone(resource);
      assert.equal(typeof evaluateFilter(parseFilter(text), resource as Record<string, unknown>, type), 'boolean', 'a boolean');
      assert.deepEqual(resource, before, 'resource untouched');
    }), { numRuns: 1_500 });
  });

  it('throws only FilterSyntaxError for 1 500 mutated filters', () => {
    fc.assert(fc.property(mutated(filterText), (text) => onlySyntaxErrors(() => parseFilter(text))), { numRuns: 1_500 });
  });

  it('throws only FilterSyntaxError for 1 000 random strings and 1 000 token soups', () => {
    fc.assert(fc.property(fc.oneof(anyText, fc.string({ maxLength: 80 })), (text) => onlySyntaxErrors(() => parseFilter(text))), { numRuns: 1_000 });
    fc.assert(fc.property(tokenSoup, (text) => onlySyntaxErrors(() => parseFilter(text))), { numRuns: 1_000 });
  });

  it('parses 1 500 generated paths and throws only FilterSyntaxError for 1 500 broken ones', () => {
    fc.assert(fc.property(pathText, (text) => { parsePath(text); }), { numRuns: 1_500 });
    fc.assert(fc.property(fc.oneof(mutated(pathText), tokenSoup, fc.string({ maxLength: 40 })),
      (text) => onlySyntaxErrors(() => parsePath(text))), { numRuns: 1_500 });
  });
});
