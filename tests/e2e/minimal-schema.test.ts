/**
 * Verdict accuracy on a careful server (issue #21): the whole suite, both PATCH dialects, manager and roles asked
 * for, against the reference app's `minimal` schema — it declares only Entra's default mapping and answers every
 * other attribute with 400. Before the checks read /Schemas, this run was NOT READY: 2 MUST requirements failed,
 * 74 checks were blocked and 26 more could not be judged (docs/attribute-selection.md); now it must be ready with
 * nothing red. Then the same
 * endpoint with a vendor mapping (--attributes) that leaves title out: no check writes title.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { cleanEnv, runCliProcess } from './cli-process.js';

const TOKEN = 'minimal-e2e-token-0123456789';
let app: RunningReferenceApp;
let dir: string;

before(async () => {
  app = await startReferenceApp({ tokens: [TOKEN], schema: 'minimal', host: '127.0.0.1', port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'minimal-e2e-'));
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(out: string, extra: string[]): Promise<ComplianceReport> {
  const res = await runCliProcess(['run', '--url', app.url, '--out', join(dir, out), '--seed', '11', ...extra], { env: cleanEnv({ SCIM_TOKEN: TOKEN }), limitMs: 240_000 });
  assert.equal(res.code, 0, `exit 0 (stdout: ${res.stdout.slice(-2000)} stderr: ${res.stderr.slice(-2000)})`);
  return JSON.parse(readFileSync(join(dir, out, REPORT_FILES.json), 'utf8')) as ComplianceReport;
}

test('the whole suite against the minimal schema: ready, nothing failed, warned, errored or blocked; every n/a says why', { timeout: 300_000 }, async () => {
  const report = await run('all', ['--dialect', 'both', '--manager', '--roles']);
  assert.equal(report.verdict, 'ready', 'ready');
  const red = report.checks.filter((c) => ['fail', 'warn', 'error', 'blocked'].includes(c.status)).map((c) => `${c.id} ${c.status}: ${c.message ?? ''}`);
  assert.deepEqual(red, [], 'no false alarm');
  assert.equal(report.attributes?.source, 'schemas', 'the attributes came from /Schemas');
  assert.ok(!report.attributes?.user.includes('nickname') && !report.attributes?.user.includes('roles'), 'the set is what the endpoint declares');
  const na = report.checks.filter((c) => c.status === 'na');
  assert.ok(na.every((c) => c.reason), 'every n/a has a reason');
  assert.ok(na.some((c) => c.id === 'users/create-with-roles' && /roles.* is not in the User schema the endpoint declares/.test(c.reason ?? '')), 'roles asked for but not declared: n/a saying so');
  assert.equal(report.requirements.find((r) => r.id === 'USER-ROLES')?.status, 'na', 'USER-ROLES does not apply');
  const written = new Set(report.checks.flatMap((c) => c.attributes ?? []));
  assert.ok(written.has('title') && written.has('preferredLanguage'), `the optional attributes written are declared ones (${[...written].join(', ')})`);
  assert.ok(!written.has('nickName') && !written.has('userType'), 'nothing undeclared is written');
});

test('--attributes: a vendor mapping without title keeps every check off title', { timeout: 300_000 }, async () => {
  const mapping = join(dir, 'mapping.json');
  writeFileSync(mapping, JSON.stringify({ user: ['userName', 'active', 'displayName', 'preferredLanguage', 'name.givenName', 'name.familyName', 'emails[type eq "work"].value'] }));
  const report = await run('mapped', ['--only', 'USER-PATCH-*,PATCH-*,NULL-UPDATE', '--attributes', mapping]);
  assert.equal(report.attributes?.source, 'attributes-file', 'the report names the mapping as the source');
  const red = report.checks.filter((c) => ['fail', 'warn', 'error', 'blocked'].includes(c.status)).map((c) => `${c.id} ${c.status}: ${c.message ?? ''}`);
  assert.deepEqual(red, [], 'no false alarm');
  const bodies = report.checks.flatMap((c) => c.exchanges.filter((x) => x.request.method !== 'GET').map((x) => JSON.stringify(x.request.body ?? '')));
  assert.ok(bodies.length > 20, `requests were sent (${bodies.length})`);
  assert.ok(bodies.every((b) => !/"title"|"path":"title"/.test(b)), 'no request writes title');
  const enterprise = report.checks.find((c) => c.id === 'patch/enterprise-replace@default');
  assert.match(enterprise?.reason ?? '', /not in the User attribute mapping given with --attributes|needs 1 of/, 'enterprise attributes outside the mapping: n/a with the reason');
});
