import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckRecord } from '../../core/evidence.js';
import { buildReport } from '../../reports/build-report.js';
import { diffReports, formatDiff } from '../../reports/diff.js';
import { mergeComplianceReports } from '../../reports/merge.js';
import { fixtureContext, fixtureRecords, fixtureReport } from './helpers.js';

function withStatus(records: CheckRecord[], id: string, status: CheckRecord['status']): CheckRecord[] {
  return records.map((r) => (r.id === id ? { ...r, status } : r));
}

describe('diffReports', () => {
  const before = fixtureReport();

  it('finds new MUST failures, a fix and unchanged requirements', () => {
    let records = withStatus(fixtureRecords(), 'users/create-user', 'fail');
    records = withStatus(records, 'users/create-duplicate-user', 'pass');
    const after = buildReport(records, fixtureContext());
    const d = diffReports(before, after);
    assert.deepEqual(d.newlyFailing.map((c) => c.id).sort(), ['HTTP-CONTENT-TYPE', 'RESOURCE-ID', 'USER-CREATE'], 'requirements of the check that now fails');
    assert.deepEqual(d.fixed.map((c) => `${c.id}:${c.before}→${c.after}`), ['USER-CREATE-DUPLICATE:fail→pass'], 'the fixed requirement');
    assert.ok(d.unchanged.some((c) => c.id === 'ERROR-FORMAT'), 'still warning: unchanged');
    assert.ok(formatDiff(d).includes('\nnewly failing (3):\n  HTTP-CONTENT-TYPE [MUST] pass → fail\n'), `printable summary:\n${formatDiff(d)}`);
  });

  it('does not call a SHOULD warning or an untested requirement a new failure', () => {
    const records = fixtureRecords();
    const base = buildReport(records.filter((r) => r.id !== 'errors/error-format'), fixtureContext());
    const after = buildReport(records.filter((r) => r.id !== 'rate/sustained-rate'), fixtureContext());
    const d = diffReports(base, after);
    assert.deepEqual(d.newlyFailing, [], 'no blocking regression');
    assert.deepEqual(d.newlyWarning.map((c) => c.id), ['ERROR-FORMAT'], 'SHOULD warning listed on its own');
    assert.deepEqual(d.otherChanges.map((c) => `${c.id}:${c.before}→${c.after}`), ['RATE-25RPS:pass→untested'], 'not run is not a failure');
  });

  it('treats an expired waiver as a new failure', () => {
    const expired = buildReport(fixtureRecords(), fixtureContext({ now: new Date('2100-01-01T00:00:00Z') }));
    assert.deepEqual(diffReports(before, expired).newlyFailing.map((c) => `${c.id}:${c.before}→${c.after}`), ['USER-PATCH-ADD:waived→fail'], 'waived → fail');
  });
});

describe('mergeComplianceReports', () => {
  it('gives the same requirements and verdict as the whole run, from three shards of it', () => {
    const records = fixtureRecords();
    const shards = [0, 1, 2].map((i) => records.filter((_, j) => j % 3 === i));
    const reports = shards.map((s, i) => buildReport(s, fixtureContext({
      startedAt: `2026-01-15T09:0${i}:00.000Z`,
      durationMs: 1_000,
      options: { dialect: 'both', seed: 42, shard: `${i + 1}/3` },
    })));
    assert.ok(reports.every((r) => r.checks.length > 0), 'every shard holds checks');
    const whole = fixtureReport();
    const merged = mergeComplianceReports(reports, { waivers: fixtureContext().waivers ?? [], now: fixtureContext().now, catalogue: fixtureContext().catalogue });
    assert.deepEqual(merged.requirements, whole.requirements, 'same requirement results');
    assert.equal(merged.verdict, whole.verdict, 'same verdict');
    assert.deepEqual(merged.summary, whole.summary, 'same check counts');
    assert.deepEqual(merged.checks, whole.checks, 'same checks, same order');
    assert.deepEqual(merged.gallery, whole.gallery, 'same gallery checklist');
    assert.equal(merged.startedAt, '2026-01-15T09:00:00.000Z', 'earliest start');
    assert.equal(merged.durationMs, 121_000, 'from the first start to the last end');
    assert.equal(merged.options?.shard, undefined, 'the merged report is not a shard');
  });

  it('notes a check that ran in two shards', () => {
    const one = buildReport(fixtureRecords().slice(0, 2), fixtureContext());
    const merged = mergeComplianceReports([one, one]);
    assert.ok(merged.notices?.some((n) => n.includes('ran in more than one shard')), `notices: ${JSON.stringify(merged.notices)}`);
    assert.equal(merged.checks.length, 2, 'duplicates are kept once');
  });
});
