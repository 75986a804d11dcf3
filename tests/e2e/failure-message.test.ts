/**
 * The failure a user reads, pinned end to end: the real CLI against a reference app whose POST /Users answers 200
 * instead of 201. compliance.md must carry the h2spec-style block — requirement sentence, what happened, the
 * exchange, Expected, Actual (the endpoint's own body, so only its start is fixed here), and the fix hint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRequirement } from '../../core/requirements.js';
import { startReferenceApp } from '../../reference-app/server.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { cleanEnv, runCliProcess } from './cli-process.js';

const TOKEN = 'failure-message-token-0123456789';

test('a 200 for Entra\'s POST /Users: the exact failure block in compliance.md, exit 1', { timeout: 180_000 }, async () => {
  const app = await startReferenceApp({ tokens: [TOKEN], defects: ['post-returns-200'], host: '127.0.0.1', port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'failure-message-'));
  try {
    const res = await runCliProcess(['run', '--url', app.url, '--only', 'USER-CREATE', '--seed', '5', '--out', dir], { env: cleanEnv({ SCIM_TOKEN: TOKEN }), limitMs: 150_000 });
    assert.equal(res.code, 1, `exit 1 for a failed MUST (stderr: ${res.stderr})`);
    assert.match(res.stdout, /^Verdict: NOT READY: USER-CREATE$/m, 'the verdict line names the requirement');
    const md = readFileSync(join(dir, REPORT_FILES.markdown), 'utf8');
    const create = findRequirement('USER-CREATE');
    const block = md.slice(md.indexOf('#### ❌ FAIL `users/create`'), md.indexOf('## Attributes'));
    const lines = block.split('\n');
    assert.deepEqual(lines.slice(0, 9), [
      '#### ❌ FAIL `users/create`: Sends POST /Users with a new user as Entra does',
      '',
      'Requirements: USER-CREATE · level MUST',
      '',
      '~~~text',
      `[USER-CREATE] ${create?.statement}`,
      '  POST /Users answered 200',
      '  Exchange: #1',
      'Expected: 201',
    ], 'the failure block, line by line');
    assert.match(lines[9] ?? '', /^Actual: {3}200 \{"schemas":\["urn:ietf:params:scim:schemas:core:2\.0:User"/, 'Actual: the status and the body the endpoint sent');
    assert.ok(block.includes(`Fix: ${create?.hint.replace(/([[\]])/g, '\\$1')}`), 'the fix hint follows the block');
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
