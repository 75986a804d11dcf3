import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mergeBlobReports } from '../../reports/merge.js';
import type { ComplianceReport } from '../../reports/model.js';
import { FIXTURES } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYWRIGHT = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

describe('Playwright reporter (real Playwright run of fixtures/pw-project)', () => {
  let out: string;
  let report: ComplianceReport;

  before(() => {
    out = mkdtempSync(join(tmpdir(), 'scr-reporter-'));
    const env: NodeJS.ProcessEnv = { ...process.env, SCR_TEST_OUT: out, CI: 'true' };
    // The harness's own run config must not leak into this run.
    delete env.SCIM_CONFORM_CONFIG;
    const run = spawnSync(process.execPath, [PLAYWRIGHT, 'test', '-c', join(FIXTURES, 'pw-project')], { cwd: ROOT, env, encoding: 'utf8' });
    assert.equal(run.status, 1, `two fixture tests fail on purpose, so Playwright exits 1; stderr: ${run.stderr}`);
    report = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8')) as ComplianceReport;
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('takes the evidence record when the check attached one', () => {
    const c = report.checks.find((x) => x.id === 'users/create-user');
    assert.equal(c?.status, 'pass', 'status from the attached record');
    assert.deepEqual(c?.counterparts, ['MSV 1: Create a new User'], 'counterparts from the record');
  });

  it('synthesizes an error record for a crash and a timeout, from the annotations', () => {
    const crash = report.checks.find((x) => x.id === 'users/get-user');
    assert.equal(crash?.status, 'error', 'a crash without evidence is an error');
    assert.deepEqual(crash?.requirements, ['USER-GET'], 'requirements from the annotations');
    assert.match(crash?.message ?? '', /boom: harness crashed/, 'message from the Playwright error');
    const slow = report.checks.find((x) => x.id === 'users/slow');
    assert.equal(slow?.errorCode, 'TARGET_TIMEOUT', 'a timeout is a target timeout');
    assert.doesNotMatch(slow?.message ?? '', /\u001b\[/, 'no terminal colour codes in messages');
  });

  it('reads a skip reason "blocked by X" as blocked', () => {
    const c = report.checks.find((x) => x.id === 'patch/manager');
    assert.equal(c?.status, 'blocked', 'skip before the body ran, with a blocked-by reason');
    assert.equal(c?.blockedBy, 'users/create-user', 'blockedBy names the prerequisite check');
  });

  it('fills the report header from its options', () => {
    assert.equal(report.target.url, 'https://scim.example.test/scim', 'target URL from the reporter option');
    assert.equal(report.verdict, 'not-ready', 'USER-GET errored');
    assert.equal(report.summary.error, 2, 'two synthesized errors');
  });

  it('rebuilds the same report from the blob report through playwright merge-reports', { timeout: 60_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.SCIM_CONFORM_CONFIG;
    const code = await mergeBlobReports({
      blobDirs: [join(out, 'blob')],
      outDir: join(out, 'merged'),
      reporterOptions: { url: 'https://scim.example.test/scim', now: '2026-01-15T00:00:00Z' },
      env,
    });
    assert.equal(code, 0, 'merge-reports ran (its exit code says whether merging worked, not whether checks passed)');
    const merged = JSON.parse(readFileSync(join(out, 'merged', 'compliance.json'), 'utf8')) as ComplianceReport;
    assert.deepEqual(merged.checks.map((c) => [c.id, c.status]), report.checks.map((c) => [c.id, c.status]), 'same checks and statuses, evidence attachments survive the blob');
    assert.deepEqual(merged.requirements, report.requirements, 'same requirement results');
    assert.equal(merged.verdict, report.verdict, 'same verdict');
  });
});
