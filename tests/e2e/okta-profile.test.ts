/**
 * `run --profile okta` end to end with the real CLI: against the embedded reference app every Okta check passes
 * and the report reads "Ready for OIN submission" in every format (exit 0); against a defect its requirement is
 * flagged, the verdict is not ready (exit 1); `merge` of an Entra and an Okta run gives one verdict per gallery.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OKTA_REQUIREMENTS } from '../../core/requirements.js';
import { startReferenceApp } from '../../reference-app/server.js';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { cleanEnv, runCliProcess } from './cli-process.js';

const TOKEN = 'okta-profile-token-0123456789';
const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
const report = (dir: string): ComplianceReport => JSON.parse(read(dir, REPORT_FILES.json)) as ComplianceReport;

test('run --profile okta: ready for OIN submission against the reference app, not ready against a defect; merge with Entra', { timeout: 400_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'okta-profile-'));
  const app = await startReferenceApp({ tokens: [TOKEN], defects: ['put-drops-name'], host: '127.0.0.1', port: 0 });
  try {
    const okta = join(root, 'okta');
    const clean = await runCliProcess(['run', '--profile', 'okta', '--seed', '3', '--out', okta], { env: cleanEnv(), limitMs: 180_000 });
    assert.equal(clean.code, 0, `exit 0 (stdout: ${clean.stdout.slice(-600)} stderr: ${clean.stderr})`);
    assert.match(clean.stdout, /^Okta Integration Network: Ready for OIN submission$/m, 'the summary names the OIN verdict');
    const r = report(okta);
    assert.equal(r.profile, 'okta', 'the report names its profile');
    assert.equal(r.verdict, 'ready', 'ready');
    assert.deepEqual(r.requirements.map((x) => x.id).sort(), OKTA_REQUIREMENTS.map((x) => x.id).sort(), 'exactly Okta\'s catalogue is reported');
    assert.ok(r.checks.every((c) => c.id.startsWith('okta/')), 'no Entra check ran');
    assert.ok(r.gallery?.some((g) => g.id === 'oin-spec-test' && g.status === 'proven'), 'the OIN checklist proves the spec test');
    assert.match(read(okta, REPORT_FILES.html), /<h1>Ready for OIN submission<\/h1>[\s\S]*<h2>OIN checklist<\/h2>/, 'HTML: verdict and OIN checklist');
    assert.match(read(okta, REPORT_FILES.markdown), /^# ✅ SCIM compliance: Ready for OIN submission$[\s\S]*^## OIN checklist$/m, 'Markdown: verdict and OIN checklist');
    assert.match(read(okta, REPORT_FILES.junit), /<testsuite name="oin-checklist"[\s\S]*name="gallery:oin-crud-test" value="proven/, 'JUnit: the OIN checklist');
    assert.match(read(okta, join('allure-results', 'environment.properties')), /^Verdict\\ Okta\\ Integration\\ Network\\ \(OIN\)=Ready for OIN submission$/m, 'Allure: the verdict on its overview');

    const broken = join(root, 'broken');
    const bad = await runCliProcess(['run', '--profile', 'okta', '--url', app.url, '--seed', '3', '--out', broken], { env: cleanEnv({ SCIM_TOKEN: TOKEN }), limitMs: 180_000 });
    assert.equal(bad.code, 1, `exit 1 (stderr: ${bad.stderr})`);
    assert.match(bad.stdout, /^Verdict: NOT READY: OKTA-CRUD, OKTA-USER-UPDATE$/m, 'the defect\'s requirements, and only they, are flagged');
    assert.match(bad.stdout, /^Okta Integration Network: Not ready for OIN submission$/m, 'not ready for OIN');

    const entra = join(root, 'entra');
    const e = await runCliProcess(['run', '--only', 'USER-CREATE', '--seed', '3', '--out', entra], { env: cleanEnv(), limitMs: 180_000 });
    assert.equal(e.code, 0, `the Entra run passes what it runs (stderr: ${e.stderr})`);
    assert.equal(report(entra).profile, undefined, 'an Entra report reads as before profiles');
    const merged = join(root, 'merged');
    const m = await runCliProcess(['merge', entra, okta, '--out', merged], { env: cleanEnv(), limitMs: 60_000 });
    assert.equal(m.code, 0, `merge exits 0 (stderr: ${m.stderr})`);
    const mr = report(merged);
    assert.deepEqual(mr.galleries?.map((g) => `${g.profile} ${g.verdict}`), ['entra incomplete', 'okta ready'], 'one verdict per gallery');
    assert.match(m.stdout, /^Okta Integration Network \(OIN\): Ready for OIN submission$/m, 'the summary lists each gallery');
    assert.match(read(merged, REPORT_FILES.html), /<h2>Gallery checklist<\/h2>[\s\S]*<h2>OIN checklist<\/h2>/, 'both checklists in the merged HTML');
    assert.ok(existsSync(join(merged, REPORT_FILES.junit)), 'every format is written');
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
});
