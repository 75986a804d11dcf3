/**
 * The bench's pure helpers: ratios refuse broken measurements, goals print and judge as the bench lines show
 * them, results.json's shape is checked, and the replay plan re-adds the token and maps ids. No servers, no timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLine, measured, median, notMeasured, ratio, resultsProblems, type Results } from '../../bench/figures.js';
import { learnIds, remapIds, replayPlan } from '../../bench/replay.js';

test('ratio divides and refuses zero, negative and non-finite sides', () => {
  assert.equal(ratio(3, 2), 1.5, 'a plain ratio');
  assert.equal(ratio(0, 2), 0, 'nothing over something is 0');
  for (const [a, b] of [[1, 0], [1, -1], [-1, 1], [Number.NaN, 1], [1, Number.POSITIVE_INFINITY]] as const) {
    assert.throws(() => ratio(a, b), RangeError, `${a} / ${b} is a broken measurement, not a figure`);
  }
});

test('a figure line says the value, the goal and ok or MISSED', () => {
  assert.equal(formatLine(measured('harness-overhead-whole', 1.234, 'ratio', { op: '<=', limit: 1.3 })), 'harness-overhead-whole: 1.23 (≤ 1.3) ok', 'a ratio within its goal');
  assert.equal(formatLine(measured('emulator-initial-100k-vs-raw-post', 0.52, 'ratio', { op: '>=', limit: 0.7 })), 'emulator-initial-100k-vs-raw-post: 0.52 (≥ 0.7) MISSED', 'a ratio under its goal');
  assert.equal(formatLine(measured('emulator-peak-rss-100k', 399.6, 'MB', { op: '<', limit: 400 })), 'emulator-peak-rss-100k: 399.6 MB (< 400 MB) ok', 'a value that rounds to its limit gets the digits that tell them apart');
  assert.equal(formatLine(measured('partitions-2-vs-1-request-rate', 1.0015, 'ratio', { op: '>', limit: 1 })), 'partitions-2-vs-1-request-rate: 1.002 (> 1) ok', 'a ratio just over its limit');
  assert.equal(formatLine(measured('partitions-2-vs-1-request-rate', 0.9991, 'ratio', { op: '>', limit: 1 })), 'partitions-2-vs-1-request-rate: 0.999 (> 1) MISSED', 'a ratio just under its limit');
  assert.equal(formatLine(measured('harness-overhead-whole', 1.3, 'ratio', { op: '<=', limit: 1.3 })), 'harness-overhead-whole: 1.30 (≤ 1.3) ok', 'the limit itself prints as usual');
  assert.equal(formatLine(measured('incremental-1-change', 7.25, 'ms', { op: '<', limit: 50 })), 'incremental-1-change: 7.3 ms (< 50 ms) ok', 'small ms keep a decimal');
  assert.equal(formatLine(measured('suite-wall-1-worker', 61.26, 's', null)), 'suite-wall-1-worker: 61.3 s (no goal)', 'a figure without a goal has no verdict');
  assert.equal(formatLine(measured('reference-fuzz-5xx', 0, 'count', { op: '<=', limit: 0 })), 'reference-fuzz-5xx: 0 (≤ 0) ok', 'a count');
  assert.equal(
    formatLine(notMeasured('partitions-2-vs-1-request-rate', 'ratio', { op: '>', limit: 1 }, 'idp sync --partition has not landed')),
    'partitions-2-vs-1-request-rate: not measured (> 1): idp sync --partition has not landed',
    'a figure not measured says why, never a number',
  );
  assert.throws(() => measured('x', Number.NaN, 'ratio', null), RangeError, 'NaN is never a figure');
});

test('median of odd and even lists', () => {
  assert.equal(median([3, 1, 2]), 2, 'middle value');
  assert.equal(median([4, 1, 3, 2]), 2.5, 'mean of the two middle values');
  assert.throws(() => median([]), RangeError, 'no samples, no median');
});

const results = (figures: unknown[]): Results =>
  ({ measuredAt: '2026-11-24T10:00:00.000Z', machine: { cpus: 2, cpuModel: 'x', memoryMB: 1, node: 'v20', loadAverage: { start: [1], end: [1] } }, benchSeconds: 1, figures }) as Results;

test('results.json shape: accepted as the bench writes it, problems named otherwise', () => {
  const good = results([measured('a', 1, 'ratio', { op: '<=', limit: 1.3 }, { n: 1 }), notMeasured('b', 'ms', null, 'why')]);
  assert.deepEqual(resultsProblems(JSON.parse(JSON.stringify(good))), [], 'what the bench writes passes after a JSON round trip');
  const bad = resultsProblems(results([
    { name: 'a', value: 1, unit: 'ratio', goal: null, ok: true, details: {} },
    { name: 'a', value: 'fast', unit: 'furlongs', goal: 3, ok: 'yes', details: [] },
    { name: 'c', value: null, unit: 'ms', goal: null, ok: null, details: {} },
  ]));
  for (const needle of ['figures[0].ok must be null', 'figures[1].name a is not unique', 'figures[1].value', 'figures[1].unit', 'figures[1].goal', 'figures[1].ok', 'figures[1].details', 'figures[2]: a figure not measured needs details.reason']) {
    assert.ok(bad.some((p) => p.startsWith(needle)), `expected a problem starting "${needle}" in ${JSON.stringify(bad)}`);
  }
  assert.deepEqual(resultsProblems([]), ['measuredAt must be an ISO date', 'machine must name cpus and node', 'benchSeconds must be a number', 'figures must be an array'], 'an array is not results');
});

test('replay plan: below the tenant URL only, Authorization re-added from the real token, cleanup of what was left, ids mapped', () => {
  const base = 'http://127.0.0.1:4000/scim/v2';
  const ex = (seq: number, method: string, url: string, headers: Record<string, string>, body?: unknown, response?: unknown) => ({
    seq, request: { method, url, headers, ...(body === undefined ? {} : { body }) }, ...(response === undefined ? {} : { response: { status: 200, headers: {}, body: response } }), ms: 1,
  });
  const plan = replayPlan([
    { id: 'users/create', exchanges: [
      ex(2, 'GET', `${base}/Users/run-id-0001`, { authorization: 'Bearer [REDACTED]' }, undefined, { id: 'run-id-0001' }),
      ex(1, 'POST', `${base}/Users`, { authorization: 'Bearer [REDACTED]', 'content-type': 'application/scim+json', 'content-length': '12' }, { userName: 'a' }, { id: 'run-id-0001' }),
      ex(3, 'GET', 'http://elsewhere.example/token', {}, undefined, {}),
      ex(4, 'GET', `${base}/Users`, {}),
    ] },
    { id: 'auth/no-header', dialect: 'default', exchanges: [ex(1, 'GET', `${base}/Users`, {}, undefined, {})] },
    { id: 'groups/delete', exchanges: [
      ex(1, 'POST', `${base}/Groups`, {}, { displayName: 'g' }, { id: 'run-id-0003' }),
      ex(2, 'DELETE', `${base}/Groups/run-id-0003`, {}, undefined, ''),
    ] },
  ], `${base}/`);
  assert.equal(plan.skipped, 2, 'another origin and an exchange without a response are left out');
  const [create, noAuth] = plan.checks;
  assert.deepEqual(create?.requests.map((r) => `${r.method} ${r.path}`), ['POST /Users', 'GET /Users/run-id-0001'], 'in seq order, as paths below the tenant URL');
  assert.deepEqual(create?.requests[0]?.headers, { 'content-type': 'application/scim+json' }, 'the redacted credential and computed headers are dropped');
  assert.equal(create?.requests[0]?.auth, true, 'a request that carried Authorization gets the real token');
  assert.equal(create?.requests[0]?.body, '{"userName":"a"}', 'object bodies are sent as JSON');
  assert.equal(noAuth?.id, 'auth/no-header@default', 'dialect runs keep their own id');
  assert.equal(noAuth?.requests[0]?.auth, false, 'a request sent without Authorization stays without');
  assert.deepEqual(create?.cleanup, ['/Users/run-id-0001'], 'what the check created and left is deleted afterwards, as its ledger does');
  assert.deepEqual(plan.checks[2]?.cleanup, [], 'what the check deleted itself is not deleted again');

  const ids = new Map<string, string>();
  learnIds({ id: 'run-id-0001', Resources: [{ id: 'run-id-0002' }] }, { id: 'new-id-0001', Resources: [{ id: 'new-id-0002' }] }, ids);
  learnIds({ id: 'short' }, { id: 'other' }, ids);
  assert.deepEqual([...ids], [['run-id-0001', 'new-id-0001'], ['run-id-0002', 'new-id-0002']], 'resource and ListResponse ids are paired; short strings are not ids');
  assert.equal(remapIds('/Groups/run-id-0002?x=run-id-0001', ids), '/Groups/new-id-0002?x=new-id-0001', 'every occurrence is replaced');
});
