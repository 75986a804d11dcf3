/** Property tests: applyPatch throws only ScimError (400), never mutates its input, and keeps its invariants. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPatch } from '../../../reference-app/scim/patch.js';
import { ScimError } from '../../../reference-app/scim/scim-error.js';
import type { ResourceType } from '../../../core/resource-type.js';
import { pathText, tokenSoup } from '../../core/filter/arbitraries.js';
import { enterpriseUser, tourGuides } from '../../core/filter/rfc-examples.js';
import { emptyGroup, ENT, entraUser, PATCH_OP, type Json } from './helpers.js';

const opName = fc.oneof(fc.mixedCase(fc.constantFrom('add', 'replace', 'remove')), fc.constantFrom('move', '', 'copy', 'test'), fc.jsonValue({ maxDepth: 0 }));
const path = fc.oneof(
  pathText,
  fc.mixedCase(fc.constantFrom('members', 'manager', 'active', 'emails', 'name.givenName', 'userName', 'displayName', 'externalId', 'id', 'meta',
    'emails[type eq "work"].value', 'roles[primary eq "True"].value', 'members[value eq "u1"]', `${ENT}:manager`, `${ENT}:department`, ENT)),
  tokenSoup,
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 0 }),
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.mixedCase(fc.constantFrom('True', 'False', '', 'u1', 'boss')),
  fc.constant(null),
  fc.array(fc.oneof(fc.record({ value: fc.constantFrom('u1', 'u2', 'u3', ''), $ref: fc.constant(null), display: fc.string({ maxLength: 4 }) }, { requiredKeys: ['value'] }),
    fc.constantFrom('u1', 'u4')), { maxLength: 3 }),
  fc.record({ value: fc.constantFrom('m1', ''), type: fc.constantFrom('work', 'home', 'WORK'), primary: fc.constantFrom(true, 'True', 'false') }, { requiredKeys: [] }),
  fc.dictionary(fc.oneof(pathText, fc.constantFrom('name.givenName', `${ENT}:employeeNumber`, ENT, 'active', 'schemas', 'id')),
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('True', '')), { maxKeys: 4, noNullPrototype: true }),
);
const operation = fc.record({ op: opName, path, value }, { requiredKeys: ['op'] })
  .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
const body = fc.oneof(
  { weight: 9, arbitrary: fc.array(operation, { maxLength: 5 }).map((Operations) => ({ schemas: [PATCH_OP], Operations })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Case = { resource: Json; type: ResourceType };
const cases: Case[] = [
  { resource: entraUser(), type: 'User' },
  { resource: enterpriseUser(), type: 'User' },
  { resource: tourGuides(), type: 'Group' },
  { resource: emptyGroup(), type: 'Group' },
];

function duplicateTypes(resource: Json): string[] {
  const found: string[] = [];
  for (const [k, v] of Object.entries(resource)) {
    if (!Array.isArray(v)) continue;
    const types = v.map((e) => (typeof e?.type === 'string' ? e.type.toLowerCase() : undefined)).filter((t) => t !== undefined);
    if (new Set(types).size !== types.length) found.push(k);
  }
  return found;
}

describe('applyPatch fuzz (fast-check)', () => {
  for (const { resource, type } of cases) {
    const label = `${type} ${String(resource.id)}`;
    it(`applies 1 000 generated PATCH bodies to ${label}: ScimError or a valid result, input untouched`, () => {
      const members = [{ value: 'u1', display: 'A' }, { value: 'u2' }];
      fc.assert(fc.property(body, (b) => {
        const before = structuredClone(resource);
        let result;
        try {
          result = applyPatch(resource, b, type, { loadMembers: () => members });
        } catch (e) {
          if (!(e instanceof ScimError)) throw new Error(`unexpected ${String(e)}`, { cause: e });
          assert.equal(e.status, 400, `ScimError status 400: ${e.detail}`);
          assert.ok(e.detail.length > 0, 'detail is useful');
          assert.deepEqual(resource, before, 'input untouched after an error');
          return;
        }
        assert.deepEqual(resource, before, 'input untouched');
        const out = result.resource;
        assert.deepEqual(JSON.parse(JSON.stringify(out)), out, 'result is plain JSON (no undefined)');
        const required = type === 'User' ? 'userName' : 'displayName';
        assert.ok(typeof out[required] === 'string' && out[required] !== '', `${required} still set`);
        assert.deepEqual(duplicateTypes(out), [], 'no two elements of one type (G8)');
        assert.ok(result.membersRemoved === 'all' || result.membersRemoved.every((id) => typeof id === 'string' && id !== ''), 'removed ids');
        assert.ok(result.membersAdded.every((m) => typeof m.value === 'string' && m.value !== ''), 'added members have ids');
        if (!result.changed) {
          assert.deepEqual(out, before, 'unchanged means the same resource');
          // With members outside the resource, the delta is the change; inline members are compared above.
          if (!Array.isArray(resource.members)) assert.deepEqual([result.membersAdded, result.membersRemoved], [[], []], 'and no member delta');
        }
      }), { numRuns: 1_000 });
    });
  }
});
