/**
 * The round trip end to end, with the real CLI as processes: `idp sync` of the emulator recorded through
 * `scim-conform record` in front of a reference app; the trace replayed against a fresh reference app (exit 0) and
 * against one with a defect that breaks recorded requests (exit 1, the report and the console naming the exchange
 * and the difference); the emulator's own exchange log (`--exchanges`) imported with `record --import` and replayed
 * too. A canary token and a canary PII value are planted and searched for in every file written and on every
 * console of record and replay, in every encoding a leak could take.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../mock-idp/directory/generate.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import type { ComplianceReport } from '../../reports/model.js';
import { filesUnder, runCliProcess, startCli, type CliResult } from '../e2e/cli-process.js';

const CANARY_TOKEN = 'canaryTOKEN-replay-9d41c07e';
const CANARY_EMAIL = 'zelda.canarypii@contoso.example';
const CANARY_NAME = 'Canarypiiname';

function needles(s: string): string[] {
  return [s, encodeURIComponent(s), Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64url')];
}

let dir: string;
const apps: RunningReferenceApp[] = [];
const consoles: Array<{ name: string; text: string }> = [];
let upstream: RunningReferenceApp;
let fresh: RunningReferenceApp;
let broken: RunningReferenceApp;

async function app(defects: string[] = []): Promise<RunningReferenceApp> {
  const a = await startReferenceApp({ tokens: [CANARY_TOKEN], defects, port: 0, host: '127.0.0.1' });
  apps.push(a);
  return a;
}

async function cli(name: string, args: string[]): Promise<CliResult> {
  const res = await runCliProcess(args, { limitMs: 60_000 });
  consoles.push({ name: `${name} stdout`, text: res.stdout }, { name: `${name} stderr`, text: res.stderr });
  return res;
}

function report(out: string): ComplianceReport {
  return JSON.parse(readFileSync(join(dir, out, 'compliance.json'), 'utf8')) as ComplianceReport;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'replay-e2e-'));
  [upstream, fresh, broken] = await Promise.all([app(), app(), app(['manager-bare-string-rejected'])]);
  const directory = generate({ users: 4, groups: 1, seed: 11, scope: 'groups' });
  const first = directory.users[0];
  assert.ok(first);
  Object.assign(first, { userPrincipalName: CANARY_EMAIL, mail: CANARY_EMAIL, givenName: CANARY_NAME });
  writeFileSync(join(dir, 'directory.json'), JSON.stringify(directory));
});
after(async () => {
  await Promise.all(apps.map((a) => a.close()));
  rmSync(dir, { recursive: true, force: true });
});

test('record idp sync through the proxy, replay it: exit 0 against a fresh app, exit 1 naming the exchange against a defect; no canary anywhere', { timeout: 120_000 }, async () => {
  const trace = join(dir, 'sync.trace.jsonl');
  const recorder = startCli(['record', '--upstream', upstream.url, '--listen', '0', '--out', trace], { limitMs: 60_000 });
  await recorder.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2\n/);
  const proxyUrl = recorder.stdout().split('\n')[0] ?? '';
  const sync = await cli('idp sync', ['idp', 'sync', '--url', proxyUrl, '--token', CANARY_TOKEN, '--directory', join(dir, 'directory.json'), '--state', join(dir, 'idp.sqlite'), '--exchanges', join(dir, 'emulator.jsonl')]);
  assert.equal(sync.code, 0, `idp sync through the proxy (stdout: ${sync.stdout} stderr: ${sync.stderr})`);
  recorder.child.kill('SIGINT');
  const recorded = await recorder.done;
  consoles.push({ name: 'record stdout', text: recorded.stdout }, { name: 'record stderr', text: recorded.stderr });
  assert.equal(recorded.code, 0, `record stops cleanly on Ctrl-C (stderr: ${recorded.stderr})`);
  const count = Number(/Recorded (\d+) exchange/.exec(recorded.stdout)?.[1]);
  assert.ok(count >= 10, `the sync's requests were recorded (${count})`);

  const clean = await cli('replay clean', ['replay', trace, '--url', fresh.url, '--token', CANARY_TOKEN, '--out', join(dir, 'clean')]);
  assert.equal(clean.code, 0, `replay against a fresh app (stdout: ${clean.stdout} stderr: ${clean.stderr})`);
  assert.match(clean.stdout, /Verdict: READY/);
  const ok = report('clean');
  assert.equal(ok.verdict, 'ready');
  assert.deepEqual(ok.requirements.map((r) => r.id), ['REPLAY-STATUS', 'REPLAY-BODY', 'REPLAY-STATE'], 'the replay catalogue, nothing of Entra\'s');
  assert.equal(ok.summary.pass, ok.checks.length, 'every check passes');
  assert.ok(ok.checks.some((c) => c.id.startsWith('replay/state-group')), 'the group\'s final state was read back');
  assert.match(clean.stderr, /swept: \d+ removed, 0 already gone, 0 failed/, 'what the replay created is removed');

  const bad = await cli('replay defect', ['replay', trace, '--url', broken.url, '--token', CANARY_TOKEN, '--out', join(dir, 'defect')]);
  assert.equal(bad.code, 1, `replay against the defect fails (stdout: ${bad.stdout})`);
  assert.match(bad.stdout, /FAIL #\d+ PATCH \/Users\/\S+ \(recorded 200\): the status class differs: 2xx recorded, 4xx now/, 'the console names the exchange and the difference');
  const failed = report('defect');
  assert.equal(failed.verdict, 'not-ready');
  const patch = failed.checks.find((c) => c.status === 'fail' && /-patch-users$/.test(c.id));
  assert.ok(patch, 'a failing check per broken PATCH');
  assert.match(patch.message ?? '', /\[REPLAY-STATUS\][\s\S]*Expected: 200 \(as recorded\)[\s\S]*Actual: {3}400 \(scimType invalidValue\)[\s\S]*Exchange: #\d+/);
  assert.deepEqual(patch.exchanges.map((x) => x.step?.split(' ')[0]), ['recorded', 'replayed'], 'the recorded and the new answer side by side');
  for (const f of ['compliance.html', 'compliance.md', 'junit.xml']) assert.ok(readFileSync(join(dir, 'defect', f), 'utf8').includes(patch.id), `${f} names ${patch.id}`);
  assert.ok(filesUnder(join(dir, 'defect', 'allure-results')).some((f) => f.content.toString().includes(`"failed"`)), 'allure-results with the failure');

  // The emulator's own record of the same sync, imported: the same requests, replayable too.
  const imported = join(dir, 'emulator.trace.jsonl');
  const imp = await cli('record --import', ['record', '--import', join(dir, 'emulator.jsonl'), '--out', imported]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, new RegExp(`Imported ${count} exchange\\(s\\)`), 'as many exchanges as the proxy saw');
  const again = await cli('replay imported', ['replay', imported, '--url', fresh.url, '--token', CANARY_TOKEN, '--out', join(dir, 'imported')]);
  assert.equal(again.code, 0, `the imported trace replays (stdout: ${again.stdout})`);

  const files = filesUnder(dir).filter((f) => !/directory\.json$|emulator\.jsonl$|idp\.sqlite/.test(f.path));
  assert.ok(files.some((f) => f.path.endsWith('sync.trace.jsonl')) && files.some((f) => f.path.includes('allure-results')), 'traces, reports and allure-results are searched');
  const outputs = [...files.map((f) => ({ name: f.path, text: f.content.toString('utf8') })), ...consoles.filter((c) => !c.name.startsWith('idp'))];
  for (const { name, text } of outputs) {
    for (const n of [...needles(CANARY_TOKEN), ...needles(CANARY_EMAIL), ...needles(CANARY_NAME)]) assert.ok(!text.includes(n), `${name} holds a canary (${n.slice(0, 14)}…)`);
  }
  const emulatorLog = readFileSync(join(dir, 'emulator.jsonl'), 'utf8');
  assert.ok(emulatorLog.includes(CANARY_EMAIL) && emulatorLog.includes(CANARY_NAME), 'the canary PII was sent (the emulator\'s own log, which masks nothing, shows it)');
  assert.ok(!emulatorLog.includes(CANARY_TOKEN), 'the emulator\'s exchange log holds no token');
});
