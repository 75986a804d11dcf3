/** (b) A target that is down: the run still ends quickly, exit 1, with a full report whose checks error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { runCliProcess } from './cli-process.js';

/** A loopback port nothing listens on: bound, read, released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('a run against a target that is down: exit 1, the selected check errors, the report says why on top', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'down-e2e-'));
  try {
    const port = await deadPort();
    const res = await runCliProcess(
      ['run', '--url', `http://127.0.0.1:${port}/scim/v2`, '--only', 'USER-CREATE', '--timeout', '2000', '--out', dir],
      { env: { SCIM_TOKEN: 'down-token-123456' }, limitMs: 180_000 },
    );
    // ~8 s on an idle 2-core machine; the bound leaves room for a machine shared with other test runs, not for a hang.
    assert.ok(res.ms < 120_000, `ends within 120 s (took ${res.ms} ms)`);
    assert.equal(res.code, 1, `exit 1 (stderr: ${res.stderr})`);
    for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(dir, file)), `${file} is written`);
    const report = JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as ComplianceReport;
    assert.ok(report.checks.length >= 1, `the selected check is in the report (${report.checks.length})`);
    for (const c of report.checks) {
      assert.equal(c.status, 'error', `${c.id} errors`);
      assert.equal(c.errorCode, 'TARGET_UNREACHABLE', `${c.id} says the target is unreachable`);
    }
    assert.match((report.notices ?? []).join('\n'), /could not be reached/, 'a notice on top says the target could not be reached');
    const allure = readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'))
      .map((f) => (JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')) as { status: string }).status);
    assert.ok(allure.length >= 1 && allure.every((s) => s === 'broken'), `Allure shows every erroring check as broken (${allure.join(', ')})`);
    assert.match(res.stdout, /Notice: The target could not be reached/, 'the summary repeats it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a selection that leaves no check: exit 2 with one line, not a pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'empty-e2e-'));
  try {
    const port = await deadPort();
    const res = await runCliProcess(
      ['run', '--url', `http://127.0.0.1:${port}/scim/v2`, '--only', 'USER-CREATE', '--skip', 'USER-CREATE', '--out', dir],
      { env: { SCIM_TOKEN: 'empty-token-123456' }, limitMs: 120_000 },
    );
    assert.equal(res.code, 2, `exit 2 (stdout: ${res.stdout} stderr: ${res.stderr})`);
    assert.match(res.stderr, /^scim-conform: no check matches the selection/m, 'says so in one line');
    assert.doesNotMatch(res.stdout, /Verdict/, 'no verdict is claimed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
