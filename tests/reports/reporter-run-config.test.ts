import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FullConfig, FullResult, TestCase, TestResult } from '@playwright/test/reporter';
import { EVIDENCE_ATTACHMENT, type CheckRecord } from '../../core/evidence.js';
import { RUN_ENV } from '../../core/run-config.js';
import type { ComplianceReport } from '../../reports/model.js';
import ScimConformReporter from '../../reports/playwright-reporter.js';
import { FIXTURES } from './helpers.js';

describe('Playwright reporter driven by the run configuration', () => {
  it('takes target, output folder, options and waivers from SCIM_CONFORM_CONFIG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-runcfg-'));
    try {
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({
        url: 'http://127.0.0.1:9/scim', embedded: true, outDir: join(dir, 'out'), runPrefix: 'scr-x-', seed: 7, dialect: 'both',
        matchingAttribute: 'userName', groups: true, manager: false, roles: false, timeoutMs: 1000, workers: 2, only: ['USER-*'], skip: [], insecure: true,
        journalFile: join(dir, 'journal.jsonl'), startedAt: '2026-01-15T09:00:00.000Z', waivers: join(FIXTURES, 'waivers.json'),
      }));
      const reporter = new ScimConformReporter({ env: { [RUN_ENV.config]: config } });
      reporter.onBegin({ shard: { current: 2, total: 3 } } as unknown as FullConfig);
      const record: CheckRecord = { id: 'patch/add', title: 'Sends PATCH add', requirements: ['USER-PATCH-ADD'], status: 'fail', exchanges: [], durationMs: 4 };
      const result = { status: 'failed', attachments: [{ name: EVIDENCE_ATTACHMENT, contentType: 'application/json', body: Buffer.from(JSON.stringify(record)) }] } as unknown as TestResult;
      reporter.onTestEnd({ id: 't1' } as unknown as TestCase, result);
      assert.equal(await reporter.onEnd({ status: 'failed', duration: 1234.4 } as unknown as FullResult), undefined, 'reports written');
      const report = JSON.parse(readFileSync(join(dir, 'out', 'compliance.json'), 'utf8')) as ComplianceReport;
      assert.deepEqual(report.target, { url: 'http://127.0.0.1:9/scim', embedded: true }, 'target from the run configuration');
      assert.equal(report.startedAt, '2026-01-15T09:00:00.000Z', 'start from the run configuration');
      assert.equal(report.durationMs, 1234, 'duration from Playwright, rounded');
      assert.deepEqual(report.options, { dialect: 'both', seed: 7, only: ['USER-*'], skip: [], insecure: true, shard: '2/3' }, 'options and shard');
      assert.equal(report.requirements.find((r) => r.id === 'USER-PATCH-ADD')?.status, 'waived', 'waiver file from the run configuration');
      assert.ok(report.notices?.some((n) => n.includes('--insecure')), 'insecure notice');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
