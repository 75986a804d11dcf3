import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckRecord, CheckStatus } from '../../core/evidence.js';
import { REQUIREMENTS, type Level } from '../../core/requirements.js';
import { buildReport, requirementStatus, statusFor, verdictOf } from '../../reports/build-report.js';
import type { RequirementStatus, Verdict } from '../../reports/model.js';
import { fixtureContext, fixtureReport } from './helpers.js';

function record(id: string, requirements: string[], status: CheckStatus, extra: Partial<CheckRecord> = {}): CheckRecord {
  return { id, title: id, requirements, status, exchanges: [], durationMs: 1, ...extra };
}

describe('requirementStatus', () => {
  const table: [Level, CheckStatus[], RequirementStatus][] = [
    ['MUST', [], 'untested'],
    ['MUST', ['pass'], 'pass'],
    ['MUST', ['pass', 'fail'], 'fail'],
    ['MUST', ['fail', 'error'], 'fail'],
    ['MUST', ['pass', 'error'], 'error'],
    ['MUST', ['pass', 'blocked'], 'pass'],
    ['MUST', ['blocked'], 'untested'],
    ['MUST', ['blocked', 'fail'], 'fail'],
    ['MUST', ['na', 'na'], 'na'],
    ['MUST', ['na', 'pass'], 'pass'],
    ['MUST', ['info'], 'pass'],
    ['MUST', ['warn', 'pass'], 'pass'],
    ['COND', ['fail'], 'fail'],
    ['COND', ['na'], 'na'],
    ['COND', ['blocked'], 'untested'],
    ['COND', ['blocked', 'na'], 'na'],
    ['SHOULD', ['fail'], 'warn'],
    ['SHOULD', ['warn', 'pass'], 'warn'],
    ['SHOULD', ['warn', 'error'], 'warn'],
    ['SHOULD', ['error', 'pass'], 'error'],
    ['SHOULD', ['na'], 'na'],
    ['SHOULD', ['pass', 'info'], 'pass'],
    ['SHOULD', [], 'untested'],
  ];
  for (const [level, statuses, expected] of table) {
    it(`${level} [${statuses.join(', ')}] → ${expected}`, () => {
      assert.equal(requirementStatus(level, statuses), expected, `${level} with checks [${statuses.join(', ')}]`);
    });
  }
});

describe('statusFor: a check that broke one requirement leaves the others it cites to other checks', () => {
  const broke = (requirement: string, status: CheckStatus, broken?: string[]): CheckStatus =>
    statusFor(requirement, { status, ...(broken ? { broken } : {}) });
  it('the broken requirement sees the failure', () => assert.equal(broke('PATCH-OP-CASE', 'fail', ['PATCH-OP-CASE']), 'fail', 'broken requirement'));
  it('another cited requirement sees a check that did not judge it', () => assert.equal(broke('USER-PATCH-NO-PATH', 'fail', ['PATCH-OP-CASE']), 'blocked', 'not judged'));
  it('a warn on a SHOULD does not count for a MUST it also cites', () => assert.equal(broke('USER-PATCH-NO-PATH', 'warn', ['USER-PATCH-ORDER']), 'blocked', 'not judged'));
  it('records without `broken` (older versions) count for every requirement', () => assert.equal(broke('USER-PATCH-NO-PATH', 'fail'), 'fail', 'all'));
  it('passes count for every requirement', () => assert.equal(broke('USER-PATCH-NO-PATH', 'pass', []), 'pass', 'pass'));
  it('in a report: MUST judged only by a check that broke another requirement is untested, with the reason', () => {
    const report = buildReport([record('patch/op-case', ['PATCH-OP-CASE', 'USER-PATCH-NO-PATH'], 'fail', { broken: ['PATCH-OP-CASE'] })], fixtureContext({ catalogue: REQUIREMENTS, waivers: [] }));
    const req = (id: string) => report.requirements.find((q) => q.id === id);
    assert.equal(req('PATCH-OP-CASE')?.status, 'fail', 'the broken requirement fails');
    assert.equal(req('USER-PATCH-NO-PATH')?.status, 'untested', 'the other is not judged by it');
    assert.equal(req('USER-PATCH-NO-PATH')?.reason, 'not judged: patch/op-case failed on PATCH-OP-CASE first', 'the reason names the check and what it broke');
  });
});

describe('verdictOf', () => {
  const table: [string, [Level, RequirementStatus][], Verdict][] = [
    ['all MUST pass', [['MUST', 'pass'], ['COND', 'na'], ['SHOULD', 'warn']], 'ready'],
    ['a waived MUST counts as passed', [['MUST', 'pass'], ['MUST', 'waived']], 'ready'],
    ['SHOULD untested does not matter', [['MUST', 'pass'], ['SHOULD', 'untested']], 'ready'],
    ['SHOULD error does not matter', [['MUST', 'pass'], ['SHOULD', 'error']], 'ready'],
    ['a MUST not run', [['MUST', 'pass'], ['MUST', 'untested']], 'incomplete'],
    ['a COND not run', [['MUST', 'pass'], ['COND', 'untested']], 'incomplete'],
    ['a MUST failed', [['MUST', 'fail'], ['MUST', 'untested']], 'not-ready'],
    ['a COND failed', [['MUST', 'pass'], ['COND', 'fail']], 'not-ready'],
    ['a MUST errored', [['MUST', 'error'], ['MUST', 'pass']], 'not-ready'],
    ['error beats untested', [['MUST', 'error'], ['MUST', 'untested']], 'not-ready'],
  ];
  for (const [name, reqs, expected] of table) {
    it(`${name} → ${expected}`, () => {
      const input = reqs.map(([level, status]) => ({ level, status }));
      assert.equal(verdictOf(input), expected, `verdict for ${JSON.stringify(input)}`);
    });
  }
});

describe('buildReport', () => {
  it('summarises the fixture: counts, verdict, statuses', () => {
    const r = fixtureReport();
    assert.deepEqual(r.summary, { pass: 1, fail: 2, warn: 1, info: 1, na: 1, error: 1, blocked: 1 }, 'check counts by status');
    assert.equal(r.verdict, 'not-ready', 'FILTER-NO-MATCH errored and USER-CREATE-DUPLICATE failed');
    const status = (id: string): string | undefined => r.requirements.find((q) => q.id === id)?.status;
    assert.equal(status('USER-CREATE-DUPLICATE'), 'fail', 'failing MUST');
    assert.equal(status('USER-PATCH-ADD'), 'waived', 'failing MUST with an active waiver');
    assert.equal(status('ERROR-FORMAT'), 'warn', 'SHOULD warning');
    assert.equal(status('FILTER-NO-MATCH'), 'error', 'target timeout');
    assert.equal(status('USER-MANAGER'), 'untested', 'a COND whose only check was blocked was not judged');
    assert.match(r.requirements.find((q) => q.id === 'USER-MANAGER')?.reason ?? '', /^not judged: .+ was blocked by /, 'and the report says by what');
    assert.equal(status('TLS-VERSION'), 'na', 'n/a COND');
    assert.equal(status('RATE-25RPS'), 'pass', 'an info check does not break a MUST');
    assert.equal(status('USER-GET'), 'untested', 'no check cites it');
    assert.equal(r.requirements.find((q) => q.id === 'TLS-VERSION')?.reason, 'the target URL is http, not https', 'n/a reason copied');
    assert.equal(r.checks.find((c) => c.id === 'patch/add-attributes')?.waiver?.reason, 'Tracked in ACME-1234, fix ships in 4.2', 'the waived check carries its waiver');
    assert.equal(r.checks.find((c) => c.id === 'users/create-duplicate-user')?.level, 'MUST', 'check level from its requirements');
    assert.equal(r.checks.find((c) => c.id === 'users/create-duplicate-user')?.area, 'users', 'check area from its ID');
    const total = Object.values(r.requirementSummary ?? {}).reduce((a, b) => a + b, 0);
    assert.equal(total, r.requirements.length, 'requirement summary covers every requirement');
  });

  it('turns an expired waiver back into a failure with a loud notice', () => {
    const r = buildReport([record('patch/add', ['USER-PATCH-ADD'], 'fail')], fixtureContext({ now: new Date('2100-01-01T00:00:00Z') }));
    const req = r.requirements.find((q) => q.id === 'USER-PATCH-ADD');
    assert.equal(req?.status, 'fail', 'expired waiver no longer applies');
    assert.equal(req?.waiver?.expired, true, 'the requirement shows the expired waiver');
    assert.ok(r.notices?.some((n) => n.startsWith('WAIVER EXPIRED: USER-PATCH-ADD')), `notices: ${JSON.stringify(r.notices)}`);
    assert.equal(r.verdict, 'not-ready', 'an expired waiver fails the verdict');
  });

  it('applies a waiver through its expiry day inclusive', () => {
    const r = buildReport([record('patch/add', ['USER-PATCH-ADD'], 'fail')], fixtureContext({ now: new Date('2099-12-31T23:59:59Z') }));
    assert.equal(r.requirements.find((q) => q.id === 'USER-PATCH-ADD')?.status, 'waived', 'still waived on the expiry day');
  });

  it('is ready when every MUST/COND passed or is n/a, and incomplete with --only', () => {
    const blocking = fixtureReport().requirements.filter((q) => q.level !== 'SHOULD');
    const all = blocking.map((q) => record(`x/${q.id}`, [q.id], q.level === 'COND' ? 'na' : 'pass', q.level === 'COND' ? { reason: 'not configured' } : {}));
    assert.equal(buildReport(all, fixtureContext({ waivers: [] })).verdict, 'ready', 'all MUST pass, all COND n/a');
    assert.equal(buildReport(all.slice(1), fixtureContext({ waivers: [] })).verdict, 'incomplete', 'one MUST not run');
  });

  it('notes an unknown requirement ID instead of inventing a level', () => {
    const r = buildReport([record('x/y', ['NOPE-1'], 'fail')], fixtureContext({ waivers: [] }));
    assert.ok(r.notices?.some((n) => n.includes('NOPE-1')), `notices: ${JSON.stringify(r.notices)}`);
    assert.equal(r.requirements.some((q) => q.id === 'NOPE-1'), false, 'unknown IDs are not requirements');
  });

  it('judges the gallery checklist from requirement results', () => {
    const g = new Map((fixtureReport().gallery ?? []).map((i) => [i.id, i]));
    assert.equal(g.get('nonexistent-query')?.status, 'unproven', 'FILTER-NO-MATCH errored');
    assert.equal(g.get('customers')?.status, 'manual', 'not provable by a tool');
    assert.equal(g.get('rate-25rps')?.status, 'proven', 'RATE-25RPS passed');
    const ok = buildReport([record('u/d', ['USER-DELETE'], 'pass'), record('u/a', ['USER-DEACTIVATE'], 'fail')], fixtureContext({ waivers: [] }));
    assert.equal(ok.gallery?.find((i) => i.id === 'soft-or-hard-delete')?.status, 'proven', 'either soft or hard delete suffices');
  });
});
