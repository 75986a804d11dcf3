/**
 * The harness's verdicts, without a Playwright run: matchers throw ConformanceFailures carrying Expected/Actual and
 * the exchange, and classify() turns every way a check can end into the record's status — a 200 where 201 was
 * expected fails the MUST with the requirement sentence, Expected, Actual, the exchange number and the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScimResponse } from '../../core/client/scim-client.js';
import { ConformanceFailure, HarnessError, TargetError } from '../../core/errors.js';
import { findRequirement, type Requirement } from '../../core/requirements.js';
import { classify, strongest } from '../../suites/_harness/classify.js';
import { expectScim, expectValue } from '../../suites/_harness/matchers.js';
import { Blocked, NotApplicable } from '../../suites/_harness/verdicts.js';

const req = (id: string): Requirement => {
  const r = findRequirement(id);
  if (!r) throw new Error(`no ${id}`);
  return r;
};

function response(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/scim+json' }): ScimResponse {
  return { status, headers, body, text: JSON.stringify(body), json: true, truncated: false, ms: 3, seq: 4, request: { method: 'POST', path: '/Users' } };
}

/** What a matcher throws, classified as the check citing `reqs` would be. */
function verdictOf(fn: () => unknown, reqs: Requirement[]) {
  try {
    fn();
  } catch (err) {
    return classify(err, reqs, strongest(reqs));
  }
  throw new Error('the matcher did not throw');
}

test('a 200 where 201 is expected: fail, with the requirement sentence, Expected, Actual, the exchange and the fix', () => {
  const create = req('USER-CREATE');
  const outcome = verdictOf(() => expectScim(response(200, { id: 'x' })).toHaveStatus(201), [create]);
  assert.equal(outcome.fields.status, 'fail', 'a MUST broken fails');
  assert.equal(outcome.fields.message, [
    `[USER-CREATE] ${create.statement}`,
    '  POST /Users answered 200',
    '  Expected: 201',
    '  Actual:   200 {"id":"x"}',
    '  Exchange: #4',
    `  Fix: ${create.hint}`,
  ].join('\n'), 'the h2spec-style message a user reads');
  assert.deepEqual([outcome.fields.expected, outcome.fields.actual, outcome.fields.errorCode], ['201', '200 {"id":"x"}', 'SCIM_STATUS'], 'expected, actual and the code are fields too');
  assert.deepEqual(outcome.fields.broken, ['USER-CREATE'], 'the failure broke the one requirement');
  assert.ok(outcome.rethrow instanceof Error, 'a failed MUST fails the Playwright test');
});

test('a failure names the requirement it broke; the other requirements the check cites are not blamed', () => {
  const outcome = verdictOf(() => expectValue(response(200, {}), { title: 'old' }, 'title', 'new', 'USER-PATCH-ORDER'), [req('USER-PATCH-NO-PATH'), req('USER-PATCH-ORDER')]);
  assert.equal(outcome.fields.status, 'warn', 'only the SHOULD was broken: warn');
  assert.deepEqual(outcome.fields.broken, ['USER-PATCH-ORDER'], 'broken names it alone');
  assert.equal(outcome.rethrow, undefined, 'a warning never fails the Playwright test');
  assert.match(outcome.fields.message ?? '', /^\[USER-PATCH-ORDER\] .*\n {2}the value of title is "old"\n {2}Expected: title = "new"\n {2}Actual: {3}title = "old"/, 'worded after the broken requirement');
});

test('Content-Type and schema matchers say what was wrong', () => {
  const ct = verdictOf(() => expectScim(response(201, {}, { 'content-type': 'application/json' })).toHaveScimContentType(), [req('HTTP-CONTENT-TYPE')]);
  assert.equal(ct.fields.actual, 'Content-Type: application/json', 'the header as sent');
  const schema = verdictOf(() => expectScim(response(201, { schemas: 'nope' })).toMatchSchema('User'), [req('RESOURCE-SCHEMA')]);
  assert.equal(schema.fields.errorCode, 'SCIM_SCHEMA', 'schema failures have their code');
  assert.match(schema.fields.actual ?? '', /schemas/, 'the schema error names the field');
});

test('n/a, blocked, target errors and our own bugs', () => {
  const reqs = [req('USER-MANAGER')];
  const na = classify(new NotApplicable('the manager attribute is not mapped'), reqs, 'COND');
  assert.deepEqual([na.fields.status, na.fields.reason, na.skipReason], ['na', 'the manager attribute is not mapped', 'n/a: the manager attribute is not mapped'], 'n/a with its reason, skipped');
  const blocked = classify(new Blocked('users/create', 'setup: POST /Users failed: timed out', 'TARGET_TIMEOUT'), reqs, 'COND');
  assert.deepEqual([blocked.fields.status, blocked.fields.blockedBy, blocked.fields.errorCode], ['blocked', 'users/create', 'TARGET_TIMEOUT'], 'blocked by the named check, keeping the target error code');
  assert.equal(blocked.rethrow, undefined, 'a blocked check is skipped, not failed');
  const target = classify(new TargetError('TARGET_TIMEOUT', 'no answer in 30000 ms'), reqs, 'COND');
  assert.deepEqual([target.fields.status, target.fields.errorCode], ['error', 'TARGET_TIMEOUT'], 'a target error errors the check');
  const harness = classify(new HarnessError('HARNESS_CONFIG', 'bad flag'), reqs, 'COND');
  assert.deepEqual([harness.fields.status, harness.fields.errorCode], ['error', 'HARNESS_CONFIG'], 'our configuration error');
  const bug = classify(new TypeError('x is undefined'), reqs, 'COND');
  assert.deepEqual([bug.fields.status, bug.fields.errorCode, bug.fields.message], ['error', 'HARNESS_INTERNAL', 'scim-conform bug: x is undefined'], 'anything else is our bug, said so');
  assert.ok(new ConformanceFailure('SCIM_VALUE', 'x') instanceof Error, 'failures are errors');
});
