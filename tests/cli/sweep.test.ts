import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScimClient } from '../../core/client/scim-client.js';
import { staticToken } from '../../core/client/oauth.js';
import { readJournal } from '../../cli/journal.js';
import { sweep } from '../../cli/sweep.js';
import { runCli } from '../../cli/program.js';
import { startFakeScim, type FakeScim, type Kind } from './fake-scim.js';
import { capture } from './io.js';

const TOKEN = 'sweep-test-token-1234';
const PREFIX = 'scr-abc123-';

/** 100 foreign users and 100 foreign groups (some with look-alike names), plus ours: journaled and prefix-only. */
function seed(fake: FakeScim): { journal: string[] } {
  for (let i = 0; i < 100; i++) {
    fake.store.Users.set(`fu${i}`, { id: `fu${i}`, name: i % 10 === 0 ? `scr-abc12-${i}` : `someone${i}@contoso.com` });
    fake.store.Groups.set(`fg${i}`, { id: `fg${i}`, name: i % 10 === 0 ? `scr-other1-${i}` : `Team ${i}` });
  }
  for (let i = 0; i < 5; i++) fake.store.Users.set(`ou${i}`, { id: `ou${i}`, name: `${PREFIX}user${i}@example.com` });
  for (let i = 0; i < 3; i++) fake.store.Groups.set(`og${i}`, { id: `og${i}`, name: `${PREFIX}group${i}` });
  // Ours but only findable by prefix: its create answer never reached the journal.
  fake.store.Users.set('orphan', { id: 'orphan', name: `${PREFIX}orphan@example.com` });
  const at = '2026-01-01T00:00:00.000Z';
  const journal = [
    { op: 'run', url: fake.url, runPrefix: PREFIX, embedded: false, at },
    ...[0, 1, 2, 3, 4].map((i) => ({ op: 'created', type: 'User', id: `ou${i}`, name: `${PREFIX}user${i}@example.com`, at })),
    ...[0, 1, 2].map((i) => ({ op: 'created', type: 'Group', id: `og${i}`, name: `${PREFIX}group${i}`, at })),
    // Deleted by the run itself: must not be touched again.
    { op: 'created', type: 'User', id: 'gone1', name: `${PREFIX}gone@example.com`, at },
    { op: 'deleted', type: 'User', id: 'gone1', at },
    // The target reused an id of ours for someone else's user: must be left alone.
    { op: 'created', type: 'User', id: 'fu7', name: `${PREFIX}reused@example.com`, at },
  ].map((l) => JSON.stringify(l));
  return { journal: [...journal, '{"op":"created","type":"Us'] }; // a line cut short by a crash
}

function foreignIntact(fake: FakeScim): void {
  for (const kind of ['Users', 'Groups'] as Kind[]) {
    const foreign = [...fake.store[kind].keys()].filter((id) => id.startsWith('f'));
    assert.equal(foreign.length, 100, `all 100 foreign ${kind} are still there`);
  }
  const deletes = fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
  assert.ok(deletes.every((p) => /\/(ou\d|og\d|orphan)$/.test(p)), `only our ids were sent DELETE: ${deletes.join(', ')}`);
}

for (const sw of ['supported', 'rejected', 'ignored'] as const) {
  describe(`sweep against a target where sw is ${sw}`, () => {
    let fake: FakeScim;
    let journal: string[];
    before(async () => {
      fake = await startFakeScim({ token: TOKEN, sw });
      ({ journal } = seed(fake));
    });
    after(() => fake.close());

    test('removes the journaled and prefixed resources, and nothing else', async () => {
      const client = createScimClient({ baseUrl: fake.url, token: staticToken(TOKEN), secrets: [TOKEN] });
      const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));
      try {
        const file = join(dir, 'cleanup-journal.jsonl');
        writeFileSync(file, `${journal.join('\n')}\n`);
        const outcome = await sweep(client, { journaled: readJournal(file).outstanding, prefix: PREFIX });
        assert.deepEqual(outcome.removed.map((r) => r.id).sort(), ['og0', 'og1', 'og2', 'orphan', 'ou0', 'ou1', 'ou2', 'ou3', 'ou4'], 'removed exactly ours');
        assert.deepEqual(outcome.notOurs.map((r) => r.id), ['fu7'], 'the reused id is reported as not ours');
        assert.equal(outcome.failed.length, 0, 'nothing failed');
        assert.equal(outcome.prefixSearch?.User, sw === 'rejected' ? 'paging' : 'filter', 'prefix search falls back to paging only when sw is refused');
        foreignIntact(fake);
        assert.ok(!fake.requests.some((r) => r.path.endsWith('/gone1')), 'a resource the journal marks deleted is not touched');
        const firstUserDelete = fake.requests.findIndex((r) => r.method === 'DELETE' && r.path.includes('/Users/'));
        const lastGroupDelete = fake.requests.map((r) => r.method === 'DELETE' && r.path.includes('/Groups/')).lastIndexOf(true);
        assert.ok(lastGroupDelete < firstUserDelete, 'groups are deleted before users');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('scim-conform sweep (command)', () => {
  let fake: FakeScim;
  before(async () => {
    fake = await startFakeScim({ token: TOKEN, sw: 'supported' });
    seed(fake);
  });
  after(() => fake.close());

  test('sweeps by prefix, prints what it removed, exits 0, never prints the token', async () => {
    const io = capture();
    const code = await runCli(['sweep', '--url', fake.url, '--token', TOKEN, '--prefix', PREFIX], io);
    assert.equal(code, 0, `exit 0 (stderr: ${io.err()})`);
    assert.match(io.out(), /swept: 9 removed, 0 already gone, 0 failed/, 'the summary line counts what was removed');
    assert.ok(!io.out().includes(TOKEN) && !io.err().includes(TOKEN), 'the token is not printed');
    foreignIntact(fake);
  });

  test('a second sweep finds nothing', async () => {
    const io = capture();
    const code = await runCli(['sweep', '--url', fake.url, '--token', TOKEN, '--prefix', PREFIX], io);
    assert.equal(code, 0, 'exit 0');
    assert.match(io.out(), /swept: 0 removed/, 'nothing of ours is left');
  });

  test('refuses a journal written for another target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));
    try {
      const file = join(dir, 'j.jsonl');
      writeFileSync(file, `${JSON.stringify({ op: 'run', url: 'http://127.0.0.1:1/other', runPrefix: PREFIX, embedded: false, at: 'x' })}\n`);
      const io = capture();
      const code = await runCli(['sweep', '--url', fake.url, '--token', TOKEN, '--journal', file], io);
      assert.equal(code, 2, 'exit 2');
      assert.match(io.err(), /was written for http:\/\/127\.0\.0\.1:1\/other/, 'names the journal target');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
