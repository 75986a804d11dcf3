/**
 * Okta's variant modes end to end with the real CLI (docs/okta.md, "What the variants change"): in each variant,
 * `run --profile okta` against the embedded reference app is ready (exit 0), the report records the variant and the
 * checks sent that variant's requests. One reference app carries two defects, each met by one variant only
 * (path-less profile PATCHes; deactivation by PUT): each variant flags exactly its own defect's requirements (not
 * ready, exit 1), and Okta's default mode, which sends neither request, blames neither. The defect runs select the
 * four requirements concerned with --only. The runs go one after the other: side by side on 2 loaded cores they
 * took longer in all.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OktaVariant } from '../../core/profile.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import type { ComplianceReport, ReportCheck } from '../../reports/model.js';
import { oktaVariantText } from '../../reports/legend.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { cleanEnv, runCliProcess, type CliResult } from './cli-process.js';

const TOKEN = 'okta-variants-token-0123456789';
/** One defect per variant that Okta's other modes never meet: path-less profile PATCHes, deactivation by PUT. */
const DEFECTS = ['patch-no-path-only-active', 'put-sets-active'];
const SELECTED = ['OKTA-USER-UPDATE', 'OKTA-USER-DEACTIVATE', 'OKTA-USER-REACTIVATE', 'OKTA-CRUD'];
const LIMIT_MS = 180_000;
const report = (dir: string): ComplianceReport => JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as ComplianceReport;
const okta = (args: string[], out: string, url?: string): Promise<CliResult> =>
  // One worker: on this 2-core machine a run of 4 or 26 checks took 6.7-7.9 s with it against 7.8-9.2 s with 2.
  runCliProcess(['run', '--profile', 'okta', ...args, '--workers', '1', '--seed', '5', '--out', out, ...(url ? ['--url', url] : [])], {
    env: cleanEnv(url ? { SCIM_TOKEN: TOKEN } : {}), limitMs: LIMIT_MS,
  });

/** The methods and resource types a check sent, in order: `PUT /Users`, `PATCH /Groups`. */
function sent(r: ComplianceReport, id: string): string[] {
  const c: ReportCheck | undefined = r.checks.find((x) => x.id === id);
  assert.ok(c, `the report holds ${id}`);
  return (c.exchanges ?? []).map((e) => `${e.request.method} ${/\/(Users|Groups)\b/.exec(e.request.url)?.[0] ?? e.request.url}`);
}

/** A run against the embedded app in `variant`: ready, exit 0, every check passed or (with its reason) n/a. */
async function expectReady(args: string[], out: string, variant: OktaVariant): Promise<ComplianceReport> {
  const res = await okta(args, out);
  assert.equal(res.code, 0, `exit 0 (stdout: ${res.stdout.slice(-600)} stderr: ${res.stderr})`);
  assert.match(res.stdout, /^Okta Integration Network: Ready for OIN submission$/m, 'the summary names the OIN verdict');
  const r = report(out);
  assert.equal(r.verdict, 'ready', 'ready');
  assert.deepEqual(r.options?.okta, variant, 'the report records the variant');
  assert.ok(readFileSync(join(out, REPORT_FILES.markdown), 'utf8').includes(oktaVariantText(variant)), 'the Markdown header names the variant');
  const other = r.checks.filter((c) => c.status !== 'pass' && c.status !== 'na').map((c) => `${c.id}: ${c.status} ${c.message ?? ''}`);
  assert.deepEqual(other, [], 'every check passed or does not apply');
  return r;
}

/** A run of the defects' requirements against the app with both variant-only defects. */
async function againstDefects(args: string[], out: string): Promise<{ res: CliResult; r: ComplianceReport }> {
  const res = await okta([...args, '--only', ...SELECTED], out, defective.url);
  return { res, r: report(out) };
}

/** In its variant: exactly `flagged` (the summary lists every failed MUST), not ready, exit 1. */
function expectFlagged({ res }: { res: CliResult }, flagged: string[]): void {
  assert.equal(res.code, 1, `exit 1 (stderr: ${res.stderr})`);
  assert.match(res.stdout, new RegExp(`^Verdict: NOT READY: ${flagged.join(', ')}$`, 'm'), `${flagged.join(', ')}, and only they, are flagged`);
  assert.match(res.stdout, /^Okta Integration Network: Not ready for OIN submission$/m, 'not ready for OIN');
}

let root: string;
let defective: RunningReferenceApp;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'okta-variants-'));
  defective = await startReferenceApp({ tokens: [TOKEN], defects: DEFECTS, host: '127.0.0.1', port: 0 });
});
after(async () => {
  await defective.close();
  rmSync(root, { recursive: true, force: true });
});

test('--okta-user-updates patch: ready and recorded against the reference app; path-less profile PATCHes broken are flagged', { timeout: 300_000 }, async () => {
  const r = await expectReady(['--okta-user-updates', 'patch'], join(root, 'patch'), { userUpdates: 'patch', mode: 'oin' });
  const bad = await againstDefects(['--okta-user-updates', 'patch'], join(root, 'patch-defects'));
  const na = r.checks.filter((c) => c.status === 'na');
  assert.deepEqual(na.map((c) => c.id), ['okta/put-keeps-attributes'], 'only the PUT round trip does not apply');
  assert.match(na[0]?.reason ?? '', /PATCH/, 'n/a says why: Okta sends no PUT in this mode');
  assert.deepEqual(sent(r, 'okta/profile-update'), ['POST /Users', 'PATCH /Users', 'GET /Users'], 'the profile update is one PATCH, no GET + PUT');
  assert.ok(!r.checks.some((c) => sent(r, c.id).includes('PUT /Users')), 'no check sends a PUT');
  // put-sets-active is on too: no PUT in this mode, so only the PATCH defect shows.
  expectFlagged(bad, ['OKTA-CRUD', 'OKTA-USER-UPDATE']);
});

test('--okta-aiw: ready and recorded against the reference app; deactivation by PUT broken is flagged', { timeout: 300_000 }, async () => {
  const r = await expectReady(['--okta-aiw'], join(root, 'aiw'), { userUpdates: 'put', mode: 'aiw' });
  const bad = await againstDefects(['--okta-aiw'], join(root, 'aiw-defects'));
  assert.deepEqual(sent(r, 'okta/deactivate').slice(0, 3), ['POST /Users', 'GET /Users', 'PUT /Users'], 'deactivation is a GET, then a PUT');
  for (const id of ['okta/group-rename', 'okta/group-membership']) assert.ok(sent(r, id).includes('PUT /Groups'), `${id} sends a PUT of the group`);
  assert.ok(!r.checks.some((c) => sent(r, c.id).some((x) => x.startsWith('PATCH '))), 'no check sends a PATCH');
  // patch-no-path-only-active is on too: no PATCH in this mode, so only the PUT defect shows.
  expectFlagged(bad, ['OKTA-CRUD', 'OKTA-USER-DEACTIVATE']);
  const reactivate = bad.r.checks.find((c) => c.id === 'okta/reactivate');
  // Its deactivation was acknowledged but not applied: a reactivation would pass without restoring anything.
  assert.equal(reactivate?.status, 'blocked', `okta/reactivate is blocked, not passed (${reactivate?.status}: ${reactivate?.message ?? ''})`);
  assert.equal(reactivate?.blockedBy, 'okta/deactivate', 'blocked by the check that went red');
});

test('the default mode (an OIN app, profile updates by GET + PUT) blames neither defect: Okta never sends what they break', { timeout: 300_000 }, async () => {
  const { res, r } = await againstDefects([], join(root, 'default-defects'));
  assert.equal(res.code, 0, `exit 0 (stdout: ${res.stdout.slice(-600)} stderr: ${res.stderr})`);
  assert.deepEqual(r.options?.okta, { userUpdates: 'put', mode: 'oin' }, 'the report records the default variant');
  assert.deepEqual(r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.message ?? ''}`), [], 'every selected check passes');
});
