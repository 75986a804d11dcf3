/** The escrow retry schedule and the quarantine thresholds (docs/entra-behaviour.md §4.7, §4.8), pinned to the documented numbers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY, HOUR, MINUTE, escrowQuarantine, nextRetryAt, parseDuration } from '../../mock-idp/escrow/schedule.js';
import { codeForStatus } from '../../mock-idp/escrow/error-codes.js';

test('non-transient failures: retried 6 h, then 12 h, then 24 h, then every 24 h, dropped after 28 days', () => {
  const t0 = 1_000_000;
  let at = t0;
  const gaps: number[] = [];
  for (let attempt = 1; ; attempt++) {
    const next = nextRetryAt('EntryConflict', attempt, t0, at);
    if (next === null) break;
    gaps.push(next - at);
    at = next;
  }
  assert.deepEqual(gaps.slice(0, 4), [6 * HOUR, 12 * HOUR, DAY, DAY], 'documented gaps');
  assert.ok(gaps.slice(3).every((g) => g === DAY), 'then daily');
  assert.ok(at - t0 <= 28 * DAY && at - t0 > 26 * DAY, `last retry within 28 days of the first failure (was ${(at - t0) / DAY} d)`);
  assert.equal(nextRetryAt('EntryConflict', 40, t0, t0 + 28 * DAY), null, 'expired after 28 days');
});

test('transient failures (429, 5xx, timeouts) are retried in the next cycle, ~40 minutes later', () => {
  for (const code of ['TooManyRequests', 'InternalServerError', 'Timeout', 'WebExceptionProtocolError', 'InternalError'] as const) {
    assert.equal(nextRetryAt(code, 3, 0, 5 * HOUR), 5 * HOUR + 40 * MINUTE, `${code} retried next cycle`);
  }
});

test('quarantine thresholds: the documented examples', () => {
  assert.equal(escrowQuarantine({ failures: 45_000, referenceFailures: 0, successes: 0 }), 'EncounteredBaseEscrowThreshold', '45 000 failed → quarantine');
  assert.equal(escrowQuarantine({ failures: 30_000, referenceFailures: 0, successes: 5_000 }), 'EncounteredEscrowProportionThreshold', '30 000 failed + 5 000 ok → quarantine');
  assert.equal(escrowQuarantine({ failures: 20_000, referenceFailures: 0, successes: 100_000 }), null, '20 000 failed + 100 000 ok → no quarantine');
  assert.equal(escrowQuarantine({ failures: 4_999, referenceFailures: 0, successes: 0 }), null, 'evaluation starts at 5 000 failures');
  assert.equal(escrowQuarantine({ failures: 5_000, referenceFailures: 0, successes: 0 }), 'EncounteredEscrowProportionThreshold', '5 000 failures, nothing else → > 40 %');
  assert.equal(escrowQuarantine({ failures: 10_000, referenceFailures: 30_000, successes: 100_000 }), null, 'reference failures are excluded from the 40 % and 40 000 rules');
  assert.equal(escrowQuarantine({ failures: 10_000, referenceFailures: 50_000, successes: 100_000 }), 'EncounteredTotalEscrowThreshold', '60 000 including reference failures');
  assert.equal(escrowQuarantine({ failures: 40_000, referenceFailures: 0, successes: 100_000 }), null, 'exactly 40 000 is not above the threshold');
  assert.equal(escrowQuarantine({ failures: 3, referenceFailures: 0, successes: 1 }, { minFailures: 2, proportion: 0.4, maxFailures: 100, absolute: 1000 }), 'EncounteredEscrowProportionThreshold', 'thresholds are configurable');
});

test('HTTP results map to the §4.11 error codes', () => {
  const cases: Array<[number, string, boolean, string]> = [
    [401, 'GET', false, 'Unauthorized'], [403, 'PATCH', true, 'InsufficientRights'], [404, 'PATCH', true, 'InvalidAnchor'],
    [405, 'DELETE', true, 'MethodNotAllowed'], [409, 'POST', false, 'EntryConflict'], [409, 'PATCH', true, 'Conflict'],
    [422, 'POST', false, 'UnprocessableEntity'], [429, 'POST', false, 'TooManyRequests'], [500, 'POST', false, 'InternalServerError'],
    [503, 'GET', false, 'InternalServerError'], [501, 'PATCH', true, 'NotImplemented'], [400, 'POST', false, 'WebExceptionProtocolError'],
  ];
  for (const [status, method, byId, code] of cases) assert.equal(codeForStatus(status, method, byId), code, `${method} → ${status}`);
  assert.equal(parseDuration('6h'), 6 * HOUR, '6h');
  assert.equal(parseDuration('40m'), 40 * MINUTE, '40m');
  assert.throws(() => parseDuration('soon'), /bad duration/, 'bad durations refused');
});
