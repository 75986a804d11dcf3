/**
 * (e) Ctrl-C in the middle of a run against a target that also holds someone else's data: the CLI stops
 * Playwright, cleans up, exits 130; afterwards `sweep` finds nothing of ours, and the 100 foreign users and
 * 100 foreign groups are untouched. The same run first finds the journal of an earlier run that crashed against
 * this target, and sweeps what it lists — except an id that now holds a foreign user.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJournal } from '../../cli/journal.js';
import { runCli } from '../../cli/program.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import { capture } from '../cli/io.js';
import { startCli } from './cli-process.js';

const TOKEN = 'interrupt-token-5c1d2e3f4a';
const CRASHED_PREFIX = 'scr-crash0-';
const SCIM = 'application/scim+json';

let app: RunningReferenceApp;
let dir: string;

async function scim(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': SCIM },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Every name in a collection, by paging. */
async function names(kind: 'Users' | 'Groups'): Promise<string[]> {
  const attr = kind === 'Users' ? 'userName' : 'displayName';
  const out: string[] = [];
  for (let start = 1; ; start += 100) {
    const { json } = await scim('GET', `/${kind}?startIndex=${start}&count=100`);
    const page = (json.Resources as Array<Record<string, unknown>> | undefined) ?? [];
    out.push(...page.map((r) => String(r[attr])));
    if (page.length === 0 || out.length >= Number(json.totalResults)) return out;
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'interrupt-e2e-'));
  app = await startReferenceApp({ tokens: [TOKEN], port: 0, host: '127.0.0.1' });
  for (let i = 0; i < 100; i++) {
    const u = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `foreign${i}@contoso.com`, active: true });
    const g = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Foreign team ${i}` });
    assert.equal(u.status + g.status, 402, 'foreign user and group seeded');
  }
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a crashed earlier run left: two users and a group of its own, and a journal line whose id is foreign now. */
async function leaveCrashedRun(journal: string): Promise<void> {
  const at = new Date().toISOString();
  const lines: unknown[] = [{ op: 'run', url: app.url, runPrefix: CRASHED_PREFIX, embedded: false, at }];
  for (const name of ['a@example.com', 'b@example.com']) {
    const { json } = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${CRASHED_PREFIX}${name}` });
    lines.push({ op: 'created', type: 'User', id: json.id, name: `${CRASHED_PREFIX}${name}`, at });
  }
  const group = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `${CRASHED_PREFIX}group` });
  lines.push({ op: 'created', type: 'Group', id: group.json.id, name: `${CRASHED_PREFIX}group`, at });
  const foreign = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "foreign7@contoso.com"')}`);
  const foreignId = (foreign.json.Resources as Array<{ id: string }>)[0]?.id;
  lines.push({ op: 'created', type: 'User', id: foreignId, name: `${CRASHED_PREFIX}reused@example.com`, at });
  writeFileSync(journal, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"op":"created","ty`);
}

test('SIGINT mid-run: exit 130, nothing of ours left, foreign data untouched', async () => {
  const journal = join(dir, 'cleanup-journal.jsonl');
  await leaveCrashedRun(journal);
  const cli = startCli(['run', '--url', app.url, '--only', 'USER-*,GROUP-*', '--out', dir], { env: { SCIM_TOKEN: TOKEN }, limitMs: 180_000 });

  await cli.waitFor(/sweeping the 4 resource\(s\) its journal lists first[\s\S]*swept: 3 removed/);
  assert.match(cli.stdout(), /left alone User scr-crash0-reused@example.com .*another name/, 'the reused id is left alone');
  // Interrupt as soon as the run has created something (it is then mid-way: many checks remain).
  const deadline = Date.now() + 90_000;
  while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes(`"op":"created","type"`) && !readFileSync(journal, 'utf8').includes(CRASHED_PREFIX))) {
    assert.ok(Date.now() < deadline, 'the run creates something within 90 s');
    await sleep(100);
  }
  const interruptedAt = performance.now();
  cli.child.kill('SIGINT');
  const res = await cli.done;
  const stopMs = Math.round(performance.now() - interruptedAt);

  assert.equal(res.code, 130, `exit 130 (stdout: ${res.stdout} stderr: ${res.stderr})`);
  assert.ok(stopMs < 60_000, `stops and cleans up within 60 s (took ${stopMs} ms)`);
  assert.match(res.stderr, /stopping; the checks clean up/, 'says it is stopping');
  assert.match(res.stderr, /swept: \d+ removed/, 'sweeps the journal after Playwright ended');

  const { header } = readJournal(journal);
  assert.ok(header, 'the journal names its run');
  const prefix = header.runPrefix;
  const io = capture();
  const code = await runCli(['sweep', '--url', app.url, '--token', TOKEN, '--journal', journal, '--prefix', prefix], io);
  assert.equal(code, 0, `sweep exits 0 (stderr: ${io.err()})`);
  assert.match(io.out(), /swept: 0 removed, \d+ already gone, 0 failed/, `sweep finds nothing of ours left: ${io.out()}`);

  const users = await names('Users');
  const groups = await names('Groups');
  assert.deepEqual(users.filter((n) => n.toLowerCase().startsWith(prefix)), [], 'no user of the run is left');
  assert.deepEqual(groups.filter((n) => n.toLowerCase().startsWith(prefix)), [], 'no group of the run is left');
  assert.deepEqual([...users, ...groups].filter((n) => n.startsWith(CRASHED_PREFIX)), [], 'nothing of the crashed run is left');
  assert.equal(users.filter((n) => /^foreign\d+@contoso\.com$/.test(n)).length, 100, 'the 100 foreign users are untouched');
  assert.equal(groups.filter((n) => /^Foreign team \d+$/.test(n)).length, 100, 'the 100 foreign groups are untouched');
});
