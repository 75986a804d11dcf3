/** The plan (recorded failures, retries, created ids) and the final state a recording implies (replay/plan.ts, state.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planOf } from '../../replay/plan.js';
import { ImpliedState } from '../../replay/state.js';
import type { TraceExchange } from '../../replay/trace.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
let seq = 0;
function x(method: string, path: string, status: number | undefined, body?: unknown, answer?: unknown, headers: Record<string, string> = {}): TraceExchange {
  seq++;
  return {
    seq, at: `2026-01-01T00:00:${String(seq).padStart(2, '0')}.000Z`, ms: 1,
    request: { method, path, headers: {}, ...(body !== undefined ? { body } : {}) },
    ...(status === undefined ? { error: { code: 'TARGET_TIMEOUT', message: 'no answer' } } : { response: { status, headers, ...(answer !== undefined ? { body: answer } : {}) } }),
  };
}

test('a failed attempt sent again later is an attempt of that request; one never sent again is a recorded failure', () => {
  seq = 0;
  const user = { userName: 'a' };
  const plan = planOf([
    x('POST', '/Users', 503, user),
    x('GET', '/Users?filter=userName+eq+%22a%22', 200, undefined, { Resources: [] }),
    x('POST', '/Users', undefined, user),
    x('POST', '/Users', 201, user, { id: 'u1', userName: 'a' }),
    x('POST', '/Groups', 500, { displayName: 'g' }),
    x('GET', '/Users/pre-existing', 200, undefined, { id: 'pre-existing' }),
  ]);
  assert.deepEqual(plan.steps.map((s) => [s.seq, s.attempts.map((a) => a.seq), s.recordedFailure]), [[2, [2], false], [4, [1, 3, 4], false], [5, [5], true], [6, [6], false]]);
  assert.deepEqual([...plan.created], [['u1', { type: 'User', seq: 4 }]]);
  assert.deepEqual([...plan.seen].sort(), ['pre-existing', 'u1']);
});

test('a create answered without a body is bound through its Location header', () => {
  seq = 0;
  const plan = planOf([x('POST', '/Groups', 201, { displayName: 'g' }, undefined, { location: 'https://h/scim/v2/Groups/g%2F1' })]);
  assert.deepEqual([...plan.created.keys()], ['g/1']);
});

test('the implied state: 204 PATCHes of members applied, deleted users no longer members, other operations leave their attribute unknown, writers named', () => {
  seq = 0;
  const steps = planOf([
    x('POST', '/Users', 201, { userName: 'a', active: true }, { id: 'u1', userName: 'a', active: true, name: { givenName: 'A' } }),
    x('POST', '/Users', 201, { userName: 'b' }, { id: 'u2', userName: 'b' }),
    x('POST', '/Groups', 201, { displayName: 'g' }, { id: 'g1', displayName: 'g', members: [] }),
    x('PATCH', '/Groups/g1', 204, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }] }),
    x('PATCH', '/Groups/g1', 204, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members[value eq "u1"]' }, { op: 'Replace', path: 'displayName', value: 'G2' }] }),
    x('PATCH', '/Users/u1', 204, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }, { op: 'Replace', path: 'name.givenName', value: 'Z' }, { op: 'Add', path: 'emails[type eq "work"].value', value: 'a@x' }] }),
    x('DELETE', '/Users/u2', 204),
  ]).steps;
  const plan = planOf(steps.map((s) => s.final));
  const state = new ImpliedState(plan.created);
  for (const s of plan.steps) state.observe(s);
  const [u1, u2, g1] = state.implied();
  assert.deepEqual(g1?.representation, { id: 'g1', displayName: 'G2', members: [] }, 'u1 removed by the PATCH, u2 by its DELETE');
  assert.deepEqual([...(g1?.writtenBy ?? [])], [['id', 3], ['displayname', 5], ['members', 5]]);
  assert.deepEqual(u1?.representation, { id: 'u1', userName: 'a', active: false, name: { givenName: 'Z' } }, 'a string boolean lands as the boolean the server keeps');
  assert.deepEqual([...(u1?.unknown ?? [])], ['emails'], 'a filtered path: the recording does not show the result');
  assert.equal(u2?.representation, undefined, 'deleted');
});
