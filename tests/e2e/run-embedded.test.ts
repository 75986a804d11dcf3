/** (a) The real CLI against the embedded reference app, and `serve` as a process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { runCliProcess, startCli } from './cli-process.js';

test('run --only USER-CREATE against the embedded app: exit 0, every output written, a summary printed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-e2e-'));
  try {
    const res = await runCliProcess(['run', '--only', 'USER-CREATE', '--out', dir], { limitMs: 90_000 });
    assert.equal(res.code, 0, `exit 0 (stdout: ${res.stdout} stderr: ${res.stderr})`);
    for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(dir, file)), `${file} is written`);
    assert.ok(existsSync(join(dir, 'allure-results')), 'allure-results/ is written');
    // The runner's Allure reporter labels each check and attaches its exchanges from the evidence record.
    const allure = readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')) as { labels: Array<{ name: string; value: string }>; steps: Array<{ name: string; attachments: unknown[] }> });
    assert.ok(allure.length > 0, 'Allure has a result per check');
    for (const r of allure) {
      const labels = r.labels.map((l) => `${l.name}=${l.value}`);
      for (const want of ['epic=users', 'feature=USER-CREATE', 'severity=critical', 'tag=MUST', 'scim-conform-verdict=pass']) {
        assert.ok(labels.includes(want), `Allure label ${want} (has ${labels.join(', ')})`);
      }
      assert.equal(r.steps.filter((s) => s.name === 'exchanges' && s.attachments.length === 1).length, 1, 'one exchanges attachment');
    }
    const report = JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as ComplianceReport;
    assert.ok(report.target.embedded, 'the report says the embedded app was tested');
    const create = report.requirements.find((r) => r.id === 'USER-CREATE');
    assert.equal(create?.status, 'pass', 'USER-CREATE passes');
    assert.ok(report.checks.every((c) => c.requirements.includes('USER-CREATE')), 'only checks citing USER-CREATE ran');
    assert.match(res.stdout, /^Testing the embedded reference app at http:\/\/127\.0\.0\.1:\d+\//m, 'says what it tests');
    assert.match(res.stdout, /Verdict: INCOMPLETE/, 'prints the verdict (incomplete: a selection)');
    assert.match(res.stdout, /Report: .*compliance\.json/, 'prints where the report is');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve prints its URL first and the generated token next, answers SCIM, and stops on SIGINT with exit 0', async () => {
  const cli = startCli(['serve'], { limitMs: 60_000 });
  try {
    await cli.waitFor(/Ctrl-C stops the server/);
    const [url = '', token = ''] = cli.stdout().split('\n');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/, 'the first line is the base URL');
    assert.match(token, /^scr_[A-Za-z0-9_-]{32}$/, 'the second line is the generated token');
    const ok = await fetch(`${url}/Users`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200, 'GET /Users with the token answers 200');
    const denied = await fetch(`${url}/Users`);
    assert.equal(denied.status, 401, 'without the token, 401');
  } finally {
    cli.child.kill('SIGINT');
  }
  const res = await cli.done;
  assert.equal(res.code, 0, `exit 0 after SIGINT (stderr: ${res.stderr})`);
});
