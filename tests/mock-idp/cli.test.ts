/**
 * The `idp` command (cli/commands/idp/) end to end: generate → sync → edit the directory file → sync again; logs in every
 * format; status, restart, test-connection, provision; clear one-line errors for bad input; and a process killed
 * mid-cycle loses no acknowledged link and leaves no duplicate after the next sync.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../mock-idp/db.js';
import type { DirectoryInput } from '../../mock-idp/directory/types.js';
import type { RunningReferenceApp } from '../../reference-app/server.js';
import { clientFor, listAll, startFaultProxy, startTarget, TOKEN, type FaultProxy } from './helpers.js';
import { runIdp, type IdpRun } from './run-idp.js';

let app: RunningReferenceApp;
let proxy: FaultProxy;
let dir: string;
before(async () => {
  app = await startTarget();
  proxy = await startFaultProxy(app.url);
  dir = mkdtempSync(join(tmpdir(), 'idp-cli-'));
});
after(async () => {
  await proxy.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const idp = (args: string[]): Promise<IdpRun> => runIdp(args, dir);

test('generate, sync, edit the directory file, sync again; logs, status, restart', async () => {
  const target = ['--url', app.url, '--token', TOKEN, '--state', 'a.sqlite'];
  let r = await idp(['generate', '--users', '30', '--groups', '3', '--seed', '5', '--prefix', 'cli-', '--out', 'dir.json']);
  assert.match(r.out, /wrote dir\.json: 30 users, 3 groups/, r.err);
  r = await idp(['sync', ...target, '--directory', 'dir.json']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /imported dir\.json: users \+30 ~0 -0 \(=0\), groups \+3/, 'import summary');
  assert.match(r.out, /initial cycle \w+ at .*: created 33, updated 0, disabled 0, deleted 0, skipped 0, failed 0/, `cycle summary: ${r.out}`);
  assert.doesNotMatch(r.out + r.err, new RegExp(TOKEN), 'the token never printed');

  const d = JSON.parse(readFileSync(join(dir, 'dir.json'), 'utf8')) as DirectoryInput;
  const [first, second] = d.users;
  if (!first || !second) throw new Error('generated users missing');
  first.jobTitle = 'Edited by the test';
  second.accountEnabled = false;
  // Hard-delete a user nobody reports to (a dangling manager reference would be refused, naming the row).
  const managers = new Set(d.users.map((u) => u.manager));
  const gone = d.users.slice(2).find((u) => !managers.has(u.id));
  d.users = d.users.filter((u) => u !== gone);
  d.groups = d.groups?.map((g) => ({ ...g, members: g.members?.filter((m) => m !== gone?.id) }));
  writeFileSync(join(dir, 'dir.json'), JSON.stringify(d));
  r = await idp(['sync', ...target, '--directory', 'dir.json', '--json']);
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out.trim().split('\n').pop() as string) as { kind: string; updated: number; disabled: number; deleted: number };
  assert.deepEqual([summary.kind, summary.updated, summary.disabled, summary.deleted], ['incremental', 1, 1, 1], `edit, disable, hard delete (${r.out})`);

  r = await idp(['logs', '--state', 'a.sqlite', '--format', 'json', '--cycle', 'last']);
  const logs = JSON.parse(r.out) as Array<{ provisioningAction: string; cycleId: string; provisioningSteps: unknown[]; sourceIdentity: { id: string } }>;
  assert.deepEqual(logs.map((l) => l.provisioningAction).sort(), ['delete', 'disable', 'update'], 'last cycle: one of each');
  assert.ok(logs.every((l) => l.provisioningSteps.length > 0 && l.cycleId), 'Graph provisioningObjectSummary shape');
  r = await idp(['logs', '--state', 'a.sqlite', '--format', 'csv', '--action', 'create']);
  const lines = r.out.trim().split('\r\n');
  assert.match(lines[0] ?? '', /^id,activityDateTime,cycleId,changeId,jobId,action,status,sourceIdentityType,sourceId,sourceDisplayName,targetId,errorCode/, 'CSV header');
  assert.equal(lines.length, 34, 'one CSV row per create');
  r = await idp(['logs', '--state', 'a.sqlite', '--format', 'table', '--limit', '3']);
  assert.match(r.out, /^time \(simulated\)\s+action\s+status\s+identity/, 'table');
  r = await idp(['status', '--state', 'a.sqlite']);
  assert.match(r.out, /directory: 29 users, 3 groups; links: .*user active 28.*user disabled 1/, `status: ${r.out}`);
  r = await idp(['restart', '--state', 'a.sqlite', '--reset']);
  assert.match(r.out, /restarted with reset/, 'restart');
  r = await idp(['sync', ...target]);
  assert.match(r.out, /initial cycle .*: created 0,/, `after a reset everything is matched, nothing created: ${r.out}`);
  r = await idp(['test-connection', '--url', app.url, '--token', TOKEN]);
  assert.equal(r.code, 0, 'test connection passes');
  assert.match(r.out, /^ok {3}GET \/Users\?filter=userName eq "<random guid>": answered 200 with an empty ListResponse/m, r.out);
  r = await idp(['provision', ...target, '--user', first.id]);
  assert.match(r.out, /1\. Test connection: success[\s\S]*2\. Import user: success[\s\S]*3\. Determine if user is in scope: success[\s\S]*4\. Match user between source and target[\s\S]*5\. Perform action/, r.out);
  r = await idp(['test-connection', '--url', app.url, '--token', 'nope']);
  assert.equal(r.code, 1, 'a bad token fails test connection');
});

test('bad input: a clear error naming the row, field and position; nothing half-imported', async () => {
  writeFileSync(join(dir, 'bad.csv'), 'id,userPrincipalName,accountEnabled\nb1,b1@x,true\nb2,b2@x,perhaps\n');
  let r = await idp(['sync', '--url', app.url, '--token', TOKEN, '--state', 'b.sqlite', '--directory', 'bad.csv']);
  assert.equal(r.code, 2, 'configuration error');
  assert.match(r.err, /bad\.csv: 1 problem, nothing imported\n {2}row 2 \(line 3, column 9, field accountEnabled\): users\[1\]\.accountEnabled: expected true or false, got "perhaps"/, r.err);
  r = await idp(['status', '--state', 'b.sqlite']);
  assert.match(r.out, /directory: 0 users/, 'nothing imported');
  writeFileSync(join(dir, 'm.json'), JSON.stringify({ user: { attributes: [{ target: 'userName', source: 'userPrincipalName', matchingPrecedence: 1 }, { target: 'displayName', expression: 'Concat([givenName], [surname])' }] } }));
  r = await idp(['sync', '--url', app.url, '--token', TOKEN, '--state', 'b.sqlite', '--mappings', 'm.json']);
  assert.match(r.err, /m\.json: user\.attributes\[1\] \(target "displayName"\)\.expression: unknown function Concat at position 1/, r.err);
  writeFileSync(join(dir, 'f.json'), JSON.stringify({ user: { scopingFilters: [['department EQUALS Sales', 'jobTitle IS NUL']], attributes: [{ target: 'userName', source: 'userPrincipalName', matchingPrecedence: 1 }] } }));
  r = await idp(['sync', '--url', app.url, '--token', TOKEN, '--state', 'b.sqlite', '--mappings', 'f.json']);
  assert.match(r.err, /user\.scopingFilters\[0\]\[1\] \(filter 1, clause 2\): unknown operator "IS NUL" at position 10/, r.err);
  r = await idp(['sync', '--url', app.url, '--state', 'b.sqlite']);
  assert.match(r.err, /--token is required/, 'missing token');
  r = await idp(['sync', '--url', app.url, '--token', TOKEN, '--state', 'b.sqlite', '--partition', '3/2']);
  assert.match(r.err, /--partition 3\/2: expected i\/n/, 'bad partition');
});

test('killed mid-cycle: acknowledged links survive, the next sync completes without duplicates', async () => {
  const P = 'crash-';
  let r = await idp(['generate', '--users', '60', '--seed', '9', '--prefix', P, '--out', 'crash.json']);
  assert.equal(r.code, 0, r.err);
  proxy.delayMs = 25;
  proxy.answered.clear();
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'idp-cli.ts'), 'idp', 'sync', '--url', proxy.url, '--token', TOKEN,
    '--state', join(dir, 'crash.sqlite'), '--directory', join(dir, 'crash.json'), '--concurrency', '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let i = 0; i < 600 && (proxy.answered.get('POST /Users') ?? 0) < 20; i++) await new Promise((res) => setTimeout(res, 50));
  assert.ok((proxy.answered.get('POST /Users') ?? 0) >= 20, `the child got going (${stderr})`);
  child.kill('SIGKILL');
  await exited;
  proxy.delayMs = 0;
  const client = clientFor(app.url);
  const inTarget = (await listAll(client, 'Users')).filter((u) => String(u.userName).startsWith(P));
  const db = openDb(join(dir, 'crash.sqlite'));
  const links = db.prepare<[], number>("SELECT COUNT(*) FROM links WHERE source_type = 'user'").pluck().get() ?? 0;
  db.close();
  assert.ok(inTarget.length < 60, `killed before the end (${inTarget.length} in the target)`);
  assert.ok(links >= inTarget.length - 4, `every acknowledged create has its link (links ${links}, target ${inTarget.length}, at most 4 in flight)`);
  r = await idp(['sync', '--url', app.url, '--token', TOKEN, '--state', 'crash.sqlite', '--json']);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out.trim()) as { kind: string; created: number; failed: number };
  assert.equal(s.kind, 'initial', 'the interrupted initial cycle starts over');
  assert.equal(s.failed, 0, 'no failures');
  const after = (await listAll(client, 'Users')).filter((u) => String(u.userName).startsWith(P));
  assert.equal(after.length, 60, 'every user exactly once: in-flight creates were matched, not duplicated');
});
