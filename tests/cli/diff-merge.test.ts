/** `diff` and `merge` wired to the reports' helpers: exit codes, output, files. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRecord, CheckStatus } from '../../core/evidence.js';
import { buildReport } from '../../reports/build-report.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { runCli } from '../../cli/program.js';
import { capture } from './io.js';

function report(checks: Array<[string, string, CheckStatus]>, startedAt = '2026-01-01T00:00:00.000Z'): string {
  const records: CheckRecord[] = checks.map(([id, req, status]) => ({ id, title: id, requirements: [req], status, exchanges: [], durationMs: 5 }));
  return JSON.stringify(buildReport(records, {
    tool: { name: 'scim-conform', version: 'test' },
    target: { url: 'http://127.0.0.1:1/scim', embedded: false },
    startedAt,
    durationMs: 1000,
  }));
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-diff-merge-'));
  writeFileSync(join(dir, 'old.json'), report([['users/create', 'USER-CREATE', 'pass'], ['users/get', 'USER-GET', 'fail']]));
  writeFileSync(join(dir, 'new.json'), report([['users/create', 'USER-CREATE', 'fail'], ['users/get', 'USER-GET', 'pass']]));
  for (const [shard, checks] of [['s1', [['users/create', 'USER-CREATE', 'pass']]], ['s2', [['users/get', 'USER-GET', 'fail']]], ['s3', [['users/get', 'USER-GET', 'pass']]]] as const) {
    mkdirSync(join(dir, shard, 'allure-results'), { recursive: true });
    writeFileSync(join(dir, shard, REPORT_FILES.json), report(checks.map((c) => [...c])));
    writeFileSync(join(dir, shard, 'allure-results', `${shard}-result.json`), '{}');
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('diff', () => {
  test('a MUST that newly fails: listed, exit 1', async () => {
    const io = capture({}, dir);
    assert.equal(await runCli(['diff', 'old.json', 'new.json'], io), 1, 'exit 1');
    assert.match(io.out(), /newly failing \(1\):\n {2}USER-CREATE \[MUST\] pass → fail/, 'names the new failure');
    assert.match(io.out(), /fixed \(1\):\n {2}USER-GET \[MUST\] fail → pass/, 'names the fix');
  });

  test('reversed, USER-GET newly fails (exit 1); a report against itself is no change (exit 0)', async () => {
    const io = capture({}, dir);
    const code = await runCli(['diff', 'new.json', 'old.json'], io);
    assert.equal(code, 1, 'USER-GET newly fails in "old.json", so exit 1');
    const same = capture({}, dir);
    assert.equal(await runCli(['diff', 'old.json', 'old.json'], same), 0, 'no change: exit 0');
  });

  test('an unreadable or foreign file: exit 2, one line', async () => {
    const io = capture({}, dir);
    assert.equal(await runCli(['diff', 'old.json', 'missing.json'], io), 2, 'exit 2');
    assert.match(io.err(), /^scim-conform: NEW missing.json cannot be read \(ENOENT\)\n$/, 'one line naming the file');
    writeFileSync(join(dir, 'other.json'), '{"hello":1}');
    const foreign = capture({}, dir);
    assert.equal(await runCli(['diff', 'other.json', 'old.json'], foreign), 2, 'exit 2');
    assert.match(foreign.err(), /OLD other.json is not a compliance.json/, 'says what is wrong');
  });

  test('one argument is a usage error', async () => {
    const io = capture({}, dir);
    assert.equal(await runCli(['diff', 'old.json'], io), 2, 'exit 2');
  });
});

describe('merge', () => {
  test('a shard written with the old title-derived check IDs merges with one using the declared IDs', async () => {
    const legacy = 'users/sends-post-users-with-a-new-user-as-entra-does';
    for (const [shard, id, status] of [['old-ids', legacy, 'pass'], ['new-ids', 'users/create', 'fail']] as const) {
      mkdirSync(join(dir, shard), { recursive: true });
      writeFileSync(join(dir, shard, REPORT_FILES.json), report([[id, 'USER-CREATE', status]]));
    }
    const io = capture({}, dir);
    assert.equal(await runCli(['merge', 'old-ids', 'new-ids', '--out', 'merged-ids'], io), 1, `exit 1 (stderr: ${io.err()})`);
    const merged = JSON.parse(readFileSync(join(dir, 'merged-ids', REPORT_FILES.json), 'utf8')) as { checks: Array<{ id: string; status: string }> };
    assert.deepEqual(merged.checks.map((c) => `${c.id} ${c.status}`), ['users/create fail'], 'the old ID is read as users/create, so the later shard\'s result is the one kept');
  });

  test('two shards: one report with both checks, all formats, allure results gathered, exit 1 for the failure', async () => {
    const io = capture({}, dir);
    const code = await runCli(['merge', 's1', 's2', '--out', 'merged'], io);
    assert.equal(code, 1, `exit 1 (stderr: ${io.err()})`);
    for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(dir, 'merged', file)), `${file} is written`);
    assert.deepEqual(readdirSync(join(dir, 'merged', 'allure-results')).sort(), ['environment.properties', 's1-result.json', 's2-result.json'], 'allure results of both shards, and the merged verdict for its overview');
    assert.match(io.out(), /Merged 2 shard report\(s\)/, 'says what it merged');
    assert.match(io.out(), /Verdict: NOT READY: USER-GET/, 'the merged verdict');
  });

  test('all passing shards: exit 0', async () => {
    const io = capture({}, dir);
    assert.equal(await runCli(['merge', 's1', 's3', '--out', 'merged-ok'], io), 0, `exit 0 (stderr: ${io.err()})`);
  });

  test('a folder without compliance.json, or --out among the shards: exit 2', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const io = capture({}, dir);
    assert.equal(await runCli(['merge', 's1', 'empty', '--out', 'm2'], io), 2, 'exit 2');
    assert.match(io.err(), /shard folder empty: .*compliance.json cannot be read/, 'names the shard');
    const same = capture({}, dir);
    assert.equal(await runCli(['merge', 's1', 's2', '--out', 's1'], same), 2, 'exit 2');
    assert.match(same.err(), /--out must be a folder of its own/, 'says why');
  });
});
