/**
 * (c) Secrets never reach any output. A canary token and a canary client secret are planted (on the command line,
 * where they are most exposed), a narrow run includes a failing check (reference app with a defect) and OAuth,
 * then every file under the output folder — reports, allure-results, Playwright's test-results and attachments —
 * and the CLI's stdout/stderr are searched for the canaries in every encoding a leak could take.
 * The same run shows `--waivers` at work: the failing requirement is waived, so the run exits 0.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import { filesUnder, runCliProcess } from './cli-process.js';

const CANARY_TOKEN = 'canaryTOKEN-7f3a9c1e5b2d4f60';
const CANARY_SECRET = 'canarySECRET-e41b77d09a3c';
const CLIENT_ID = 'canary-client';

/** Every form a leaked secret could take in text. */
function needles(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];
}
const BASIC = Buffer.from(`${CLIENT_ID}:${CANARY_SECRET}`).toString('base64');
/** A credential header value that is not redacted (access tokens are issued at run time, so their value is unknown). */
const LIVE_CREDENTIAL = /\b(Bearer|Basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{12,}/;

let app: RunningReferenceApp;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'canary-e2e-'));
  app = await startReferenceApp({
    tokens: [CANARY_TOKEN],
    oauth: { clients: [{ id: CLIENT_ID, secret: CANARY_SECRET }] },
    defects: ['reformat-phone'],
    port: 0,
    host: '127.0.0.1',
  });
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

test('no canary secret in any output file, nor on stdout/stderr, after a run with a failing check', async () => {
  const waivers = join(dir, 'waivers.json');
  writeFileSync(waivers, JSON.stringify([{ id: 'USER-VALUES-VERBATIM', reason: 'canary test: the defect is on purpose', expires: '2999-12-31' }]));
  const out = join(dir, 'out');
  const res = await runCliProcess([
    'run', '--url', app.url, '--token', CANARY_TOKEN,
    '--oauth-token-url', `${app.origin}/oauth/token`, '--client-id', CLIENT_ID, '--client-secret', CANARY_SECRET,
    '--only', 'AUTH-OAUTH-CC,AUTH-REJECT,USER-VALUES-VERBATIM', '--waivers', waivers, '--out', out,
  ], { limitMs: 120_000 });
  assert.equal(res.code, 0, `exit 0: the only failure is waived (stdout: ${res.stdout} stderr: ${res.stderr})`);
  const report = JSON.parse(readFileSync(join(out, REPORT_FILES.json), 'utf8')) as ComplianceReport;
  assert.equal(report.requirements.find((r) => r.id === 'USER-VALUES-VERBATIM')?.status, 'waived', 'the failing requirement is waived');
  assert.ok(report.checks.some((c) => c.requirements.includes('USER-VALUES-VERBATIM') && c.status === 'fail'), 'the failing check ran, with its evidence');
  assert.equal(report.requirements.find((r) => r.id === 'AUTH-OAUTH-CC')?.status, 'pass', 'the OAuth check ran and used the client secret');

  const files = filesUnder(out);
  assert.ok(files.some((f) => f.path.includes('allure-results')), 'allure-results are among the files searched');
  assert.ok(files.some((f) => f.path.includes('test-results')), "Playwright's test-results are among the files searched");
  const outputs = [...files.map((f) => ({ name: f.path, text: f.content.toString('utf8') })), { name: 'stdout', text: res.stdout }, { name: 'stderr', text: res.stderr }];
  const all = [...needles(CANARY_TOKEN), ...needles(CANARY_SECRET), BASIC];
  for (const { name, text } of outputs) {
    for (const n of all) assert.ok(!text.includes(n), `${name} holds a canary (${n.slice(0, 12)}…)`);
    const live = LIVE_CREDENTIAL.exec(text);
    assert.equal(live, null, `${name} holds an unredacted credential: ${live?.[0].slice(0, 20)}…`);
  }
});
