/**
 * The Allure reporter's writer (reports/allure-reporter.ts) writes the files allure-js-commons' own writer would,
 * by the same names and with the same content, only without an fsync per file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystemWriter, type Writer } from 'allure-js-commons/sdk/reporter';
import type { TestResult, TestResultContainer } from 'allure-js-commons';
import { PlainFileWriter } from '../../reports/allure-reporter.js';

function writeAll(w: Writer, source: string): void {
  w.writeResult({ uuid: 'r1', name: 'a check', labels: [{ name: 'epic', value: 'users' }] } as unknown as TestResult);
  w.writeGroup({ uuid: 'g1', children: ['r1'] } as unknown as TestResultContainer);
  w.writeAttachment('a1-attachment.json', Buffer.from('{"exchanges":[]}'));
  w.writeAttachmentFromPath('a2-attachment.txt', source);
  w.writeEnvironmentInfo({ node: 'v20', 'target url': 'http://127.0.0.1' });
  w.writeCategoriesDefinitions([{ name: 'target failures' }]);
  w.writeGlobals('globals.json', { attachments: [], errors: [] });
}

test('PlainFileWriter writes the same files as allure-js-commons\' FileSystemWriter', () => {
  const root = mkdtempSync(join(tmpdir(), 'allure-writer-'));
  try {
    const source = join(root, 'source.txt');
    writeFileSync(source, 'attached from a path');
    writeAll(new FileSystemWriter({ resultsDir: join(root, 'theirs') }), source);
    writeAll(new PlainFileWriter(join(root, 'ours')), source);
    const files = (dir: string): Record<string, string> =>
      Object.fromEntries(readdirSync(join(root, dir)).sort().map((f) => [f, readFileSync(join(root, dir, f), 'utf8')]));
    const theirs = files('theirs');
    assert.equal(Object.keys(theirs).length, 7, 'every write made one file');
    assert.deepEqual(files('ours'), theirs, 'same names, same content');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
