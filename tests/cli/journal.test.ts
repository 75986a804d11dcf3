import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJournal, startJournal } from '../../cli/journal.js';

test('the journal: header, created minus deleted, cut lines skipped, leftovers carried into a new journal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  try {
    const file = join(dir, 'j.jsonl');
    const header = { op: 'run' as const, url: 'https://x.example/scim', runPrefix: 'scr-aaaaaa-', embedded: false, at: '2026-01-01T00:00:00Z' };
    startJournal(file, header, [{ type: 'User', id: 'old1', name: 'scr-bbbbbb-old' }]);
    appendFileSync(file, [
      '{"op":"created","type":"User","id":"u1","name":"scr-aaaaaa-u1","at":"t"}',
      '{"op":"created","type":"Group","id":"g1","name":"scr-aaaaaa-g1","at":"t"}',
      '{"op":"deleted","type":"User","id":"u1","at":"t"}',
      '{"op":"created","type":"Robot","id":"r1"}',
      '{"op":"created","type":"User","id":"u2","na',
    ].join('\n'));
    const j = readJournal(file);
    assert.deepEqual(j.header, header, 'the header is read back');
    assert.deepEqual(j.outstanding, [
      { type: 'User', id: 'old1', name: 'scr-bbbbbb-old' },
      { type: 'Group', id: 'g1', name: 'scr-aaaaaa-g1' },
    ], 'carried + created − deleted; unknown types and a cut line are skipped');
    assert.equal(readFileSync(file, 'utf8').split('\n')[0], JSON.stringify(header), 'the header is the first line');
    assert.deepEqual(readJournal(join(dir, 'missing.jsonl')), { outstanding: [] }, 'a missing journal is empty');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
